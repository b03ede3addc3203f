/** Types of the /api/v1 answers the browser reads, inferred from the schemas the server types its answers with. */
import type { z } from "zod";
import type {
  batchActionResultSchema,
  batchCountsSchema,
  batchDetailSchema,
  batchPageSchema,
  batchProgressSchema,
  batchSchema,
  batchStatusSchema,
  duplicateFileSchema,
  namedRefSchema,
  refusedFileSchema,
  startAllResultSchema,
  uploadsCheckResultSchema,
} from "@/lib/batches/schemas";
import type {
  carteiraPreviewSchema,
  importDetailSchema,
  importHistoryItemSchema,
  importStartedSchema,
  importSummarySchema,
  mappingSchema,
  previewSheetSchema,
} from "@/lib/carteira/import/schemas";
import type { brandSchema, collectionListItemSchema, collectionSchema } from "@/lib/catalog/schemas";
import type {
  imageDetailSchema,
  imageFacetsSchema,
  imagePageSchema,
  imageSchema,
  imageUpdateSchema,
  matchStatusSchema,
  processingStatusSchema,
} from "@/lib/images/schemas";
import type { skuGroupPageSchema, skuGroupSchema } from "@/lib/products/schemas";
import type {
  duplicateDecisionResultSchema,
  duplicateGroupPageSchema,
  duplicateGroupSchema,
  duplicateMemberSchema,
} from "@/lib/duplicates/schemas";
import type {
  bulkActionResultSchema,
  bulkActionRunSchema,
  bulkActionStartedSchema,
  downloadTicketSchema,
} from "@/lib/images/bulk/schemas";
import type {
  imageCandidateSchema,
  imageCandidatesSchema,
  reconcileStartedSchema,
  reconciliationRunSchema,
} from "@/lib/reconciliation/schemas";

export type BatchStatus = z.infer<typeof batchStatusSchema>;
export type NamedRef = z.infer<typeof namedRefSchema>;
export type BatchCounts = z.infer<typeof batchCountsSchema>;
export type Batch = z.infer<typeof batchSchema>;
export type BatchDetail = z.infer<typeof batchDetailSchema>;
export type BatchActionResult = z.infer<typeof batchActionResultSchema>;
export type BatchPage = z.infer<typeof batchPageSchema>;
export type DuplicateFile = z.infer<typeof duplicateFileSchema>;
export type BatchProgress = z.infer<typeof batchProgressSchema>;
export type StartAllResult = z.infer<typeof startAllResultSchema>;
export type UploadsCheckResult = z.infer<typeof uploadsCheckResultSchema>;

export type Brand = z.infer<typeof brandSchema>;
/** As created (POST); the list's items also carry `brand` and `createdAt`. */
export type Collection = z.infer<typeof collectionSchema> &
  Partial<Pick<z.infer<typeof collectionListItemSchema>, "brand" | "createdAt">>;
export type CollectionListItem = z.infer<typeof collectionListItemSchema>;

export type ProcessingStatus = z.infer<typeof processingStatusSchema>;
export type BatchImage = z.infer<typeof imageSchema>;
export type ImagePage = z.infer<typeof imagePageSchema>;
export type ImageFacets = z.infer<typeof imageFacetsSchema>;
export type SkuGroup = z.infer<typeof skuGroupSchema>;
export type SkuGroupPage = z.infer<typeof skuGroupPageSchema>;
export type ImageDetail = z.infer<typeof imageDetailSchema>;
/** The body of PATCH /api/v1/images/{id}. */
export type ImageUpdate = z.input<typeof imageUpdateSchema>;

export type RefusedFile = z.infer<typeof refusedFileSchema>;
export type MatchStatus = z.infer<typeof matchStatusSchema>;
export type ReconcileStarted = z.infer<typeof reconcileStartedSchema>;
export type ReconciliationRun = z.infer<typeof reconciliationRunSchema>;
export type ImageCandidate = z.infer<typeof imageCandidateSchema>;
export type ImageCandidates = z.infer<typeof imageCandidatesSchema>;

export type CarteiraPreview = z.infer<typeof carteiraPreviewSchema>;
/** Header text → field, or null = kept as an extra column (the import form's `mapping`). */
export type CarteiraMapping = z.infer<typeof mappingSchema>;
export type CarteiraPreviewSheet = z.infer<typeof previewSheetSchema>;
export type CarteiraImportSummary = z.infer<typeof importSummarySchema>;
export type CarteiraImportIssue = CarteiraImportSummary["errors"][number];
export type CarteiraImportStarted = z.infer<typeof importStartedSchema>;
export type CarteiraImportHistoryItem = z.infer<typeof importHistoryItemSchema>;
export type CarteiraImportDetail = z.infer<typeof importDetailSchema>;

export type DuplicateGroupPage = z.infer<typeof duplicateGroupPageSchema>;
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;
export type DuplicateMember = z.infer<typeof duplicateMemberSchema>;
export type DuplicateDecisionResult = z.infer<typeof duplicateDecisionResultSchema>;
export type BulkActionResult = z.infer<typeof bulkActionResultSchema>;
export type BulkActionStarted = z.infer<typeof bulkActionStartedSchema>;
export type BulkActionRun = z.infer<typeof bulkActionRunSchema>;
export type DownloadTicket = z.infer<typeof downloadTicketSchema>;

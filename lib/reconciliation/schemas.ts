import { z } from "zod";
import { matchStatusSchema } from "@/lib/images/schemas";

export const reconcileInputSchema = z.object({
  batchId: z.uuid("Lote inválido.").optional(),
  collectionId: z.uuid("Coleção inválida.").optional(),
});
export type ReconcileInput = z.infer<typeof reconcileInputSchema>;

export const reconcileJobPayloadSchema = z.object({ runId: z.uuid() });

export const candidatesQuerySchema = z.object({
  q: z.string().trim().max(120).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** A person's decision for one photo: link it to a product, or mark it "sem SKU". */
export const matchDecisionSchema = z.union([
  z.object({ productId: z.uuid("Produto inválido."), applyToSkuBase: z.boolean().default(false) }).strict(),
  z.object({ noSku: z.literal(true), applyToSkuBase: z.boolean().default(false) }).strict(),
]);
export type MatchDecision = z.infer<typeof matchDecisionSchema>;

/** POST /api/v1/reconcile/validate-above-threshold: the queue filter; `dryRun` only counts. */
export const validateAboveThresholdSchema = z.strictObject({
  batchId: z.uuid("Lote inválido.").optional(),
  collectionId: z.uuid("Coleção inválida.").optional(),
  dryRun: z.boolean().default(false),
});
export type ValidateAboveThresholdInput = z.infer<typeof validateAboveThresholdSchema>;

export const validateAboveThresholdResultSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  threshold: z.number().min(0).max(1),
  imageIds: z.array(z.uuid()),
});

export const reconciliationQueueQuerySchema = z.object({
  batchId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  cursor: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ReconciliationQueueQuery = z.infer<typeof reconciliationQueueQuerySchema>;

/** The photo a link opens the Conciliação queue at (`/conciliacao?imageId=`). */
export const queueFocusImageIdSchema = z.uuid();

// Answers of the reconcile API (see lib/batches/schemas.ts for why they are schemas).
export const reconcileStartedSchema = z.strictObject({ runId: z.uuid(), total: z.number().int().nonnegative() });

export const RECONCILIATION_RUN_STATUSES = ["QUEUED", "RUNNING", "COMPLETED", "FAILED"] as const;

export const reconciliationRunSchema = z.strictObject({
  id: z.uuid(),
  status: z.enum(RECONCILIATION_RUN_STATUSES),
  batchId: z.uuid().nullable(),
  collectionId: z.uuid().nullable(),
  total: z.number().int().nonnegative(),
  processed: z.number().int().nonnegative(),
  percent: z.number().int().min(0).max(100),
  summary: z.strictObject({
    matched: z.number().int(),
    ambiguous: z.number().int(),
    unmatched: z.number().int(),
    skipped: z.number().int(),
    changed: z.number().int(),
  }),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  isDone: z.boolean(),
});

/**
 * Why a SKU is a candidate: the ranker's reasons (lib/sku), a hit of the person's search,
 * `ai_suggestion` ("sugestão IA"): the AI analysis proposed it (ImageAiSuggestion, lib/ai/matching),
 * and `ocr_text` ("texto na foto") / `barcode` ("código de barras"): the text or a barcode read on
 * the photo names it (ImageTextCandidate, lib/ai/text/candidates).
 */
export const CANDIDATE_REASONS = [
  "exact_prefix",
  "normalized_prefix",
  "likely_typo",
  "name_similarity",
  "same_collection",
  "sibling_linked",
  "search_match",
  "ai_suggestion",
  "ocr_text",
  "barcode",
] as const;

/** What the photo's text seems to have got wrong against the SKU (lib/sku/typo-distance.ts). */
const typoEditSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lookalike"), from: z.string(), to: z.string() }),
  z.strictObject({ kind: z.literal("swapped"), from: z.string(), to: z.string() }),
  z.strictObject({ kind: z.literal("dropped"), to: z.string(), doubled: z.boolean() }),
  z.strictObject({ kind: z.literal("extra"), from: z.string(), doubled: z.boolean() }),
  z.strictObject({ kind: z.literal("replaced"), from: z.string(), to: z.string() }),
]);

export const imageCandidateSchema = z.strictObject({
  productId: z.uuid(),
  sku: z.string(),
  nomePeca: z.string().nullable(),
  collectionId: z.uuid().nullable(),
  collectionName: z.string().nullable(),
  score: z.number().min(0).max(1),
  reasons: z.array(z.enum(CANDIDATE_REASONS)),
  /** With `likely_typo`. */
  typoEdits: z.array(typoEditSchema).optional(),
  /**
   * With `ocr_text`/`barcode`: the text evidence's own score, what was read, and whether that score
   * reaches ANALYSIS_CONFIDENCE_THRESHOLD (highlighted; "validar todos acima do limite").
   */
  text: z
    .strictObject({
      score: z.number().min(0).max(1),
      evidence: z.array(z.string()),
      aboveThreshold: z.boolean(),
    })
    .optional(),
});

/** GET /api/v1/images/{id}/candidates: the photo and its ranked SKUs. */
export const imageCandidatesSchema = z.strictObject({
  image: z.strictObject({
    id: z.uuid(),
    originalName: z.string(),
    skuBase: z.string().nullable(),
    sequence: z.string().nullable(),
    matchStatus: matchStatusSchema,
    collectionId: z.uuid().nullable(),
    productId: z.uuid().nullable(),
  }),
  candidates: z.array(imageCandidateSchema),
});

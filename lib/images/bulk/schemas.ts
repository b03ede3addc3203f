import { z } from "zod";
import { imageFilterSchema, imageStatusSchema } from "../schemas";

/** What a bulk action may do to the selected photos (POST /api/v1/images/bulk). */
export const BULK_ACTIONS = ["setStatus", "markAiPending", "linkSku", "unlinkSku"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

/** Most ids one request may name; a bigger selection is a filter selection. */
export const BULK_MAX_IDS = 1000;

/**
 * A filter selection takes the catalog's own filters (lib/images/schemas.ts imageFilterSchema),
 * written as in the GET query: strings, and `hasProduct` as "true"/"false" (a JSON boolean is
 * accepted too). Unknown keys and bad values are refused like on GET /api/v1/images.
 */
const filterSelectionSchema = z.preprocess(
  (value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : v]))
      : value,
  imageFilterSchema,
);

/** Ids are checked for count after parsing, so 0 and too many get their own codes. */
export const bulkSelectionSchema = z.union([
  z.strictObject({ imageIds: z.array(z.uuid("Id de foto inválido.")).max(100_000) }),
  z.strictObject({ filter: filterSelectionSchema }),
]);
export type BulkSelection = z.infer<typeof bulkSelectionSchema>;

const skuSchema = z.string().trim().min(1, "Informe o SKU.").max(120);

export const bulkActionInputSchema = z.discriminatedUnion("action", [
  z.strictObject({ selection: bulkSelectionSchema, action: z.literal("setStatus"), status: imageStatusSchema }),
  z.strictObject({ selection: bulkSelectionSchema, action: z.literal("markAiPending") }),
  z.strictObject({ selection: bulkSelectionSchema, action: z.literal("linkSku"), sku: skuSchema }),
  z.strictObject({ selection: bulkSelectionSchema, action: z.literal("unlinkSku") }),
]);
export type BulkActionInput = z.infer<typeof bulkActionInputSchema>;

/** POST /api/v1/images/download: the same selection; at most ZIP_MAX_FILES files and ZIP_MAX_BYTES. */
export const zipDownloadInputSchema = z.strictObject({ selection: bulkSelectionSchema });

/** A one-use link to the selection's ZIP (POST /api/v1/images/download/tickets). */
export const downloadTicketSchema = z.strictObject({
  id: z.uuid(),
  url: z.string(),
  files: z.number().int().positive(),
  expiresAt: z.iso.datetime(),
});

/** The job's payload: the run row holds everything else. */
export const bulkActionJobPayloadSchema = z.object({ runId: z.uuid() });

// Answers (see lib/batches/schemas.ts for why they are schemas).
export const bulkActionResultSchema = z.strictObject({
  changed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});
export const bulkActionStartedSchema = z.strictObject({ runId: z.uuid() });

export const BULK_RUN_STATUSES = ["QUEUED", "RUNNING", "COMPLETED", "FAILED"] as const;

export const bulkActionRunSchema = z.strictObject({
  id: z.uuid(),
  action: z.enum(BULK_ACTIONS),
  status: z.enum(BULK_RUN_STATUSES),
  changed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  isDone: z.boolean(),
});

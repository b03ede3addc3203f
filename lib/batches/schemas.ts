import { z } from "zod";

export const createBatchSchema = z.object({
  name: z.string().trim().min(1, "Informe o nome do lote.").max(120),
  brandId: z.uuid().optional().nullable(),
  collectionId: z.uuid().optional().nullable(),
});

export const batchListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.uuid().optional(),
});

export const uploadsCheckSchema = z.object({ uploadIds: z.array(z.string().min(1).max(200)).max(5000) });

/** Client upload ids: opaque, short, safe to log. */
export const clientUploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "uploadId inválido.");

// Answers of the batch API. The server functions that build them are typed by these schemas and
// the browser's types are inferred from them (lib/queries/types.ts), so a field added on one side
// only is a type error; tests/integration/api/response-schemas.test.ts parses real answers.

export const BATCH_STATUSES = [
  "DRAFT",
  "UPLOADING",
  "QUEUED",
  "PROCESSING",
  "PAUSED",
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "CANCELLED",
] as const;
export const batchStatusSchema = z.enum(BATCH_STATUSES);

export const namedRefSchema = z.strictObject({ id: z.string(), name: z.string() });

const count = z.number().int().nonnegative();

export const batchCountsSchema = z.strictObject({
  total: count,
  uploaded: count,
  duplicates: count,
  processed: count,
  failed: count,
  queued: count,
  processing: count,
  cancelled: count,
  /** Files the server refused (not in `total`). */
  refused: count,
});

export const BATCH_SOURCES = ["UPLOAD", "URL_LIST"] as const;

/**
 * A URL batch's URLs by state (null for an upload batch). `stored` URLs are in `counts` as files
 * (with `duplicate` ones, whose bytes were already in the bank); `failed` ones never became files.
 */
export const batchUrlCountsSchema = z.strictObject({
  total: count,
  pending: count,
  fetching: count,
  stored: count,
  duplicate: count,
  failed: count,
  cancelled: count,
});

export const batchSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  status: batchStatusSchema,
  source: z.enum(BATCH_SOURCES),
  /** URLs per chunk (URL batches). */
  chunkSize: z.number().int().positive().nullable(),
  urlCounts: batchUrlCountsSchema.nullable(),
  /** Soft-deleted: hidden from lists, restorable until `purgeAfter`. */
  deletedAt: z.iso.datetime().nullable(),
  purgeAfter: z.iso.datetime().nullable(),
  clonedFromId: z.uuid().nullable(),
  brand: namedRefSchema.nullable(),
  collection: namedRefSchema.nullable(),
  counts: batchCountsSchema,
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export const duplicateFileSchema = z.strictObject({
  name: z.string(),
  relativePath: z.string().nullable(),
  imageId: z.uuid(),
  duplicateOf: z.string(),
  receivedAt: z.iso.datetime(),
});

/** A file the server refused, with the reason (a stable code; the message is a pt-BR fallback). */
export const refusedFileSchema = z.strictObject({
  uploadId: z.string(),
  name: z.string(),
  relativePath: z.string().nullable(),
  error: z.strictObject({ code: z.string(), message: z.string() }),
  refusedAt: z.iso.datetime(),
});

/**
 * The batch detail: the batch plus the first files whose bytes were already in the bank and the
 * first files the server refused (`counts.refused` has the full count).
 */
export const batchDetailSchema = batchSchema.extend({
  duplicateFiles: z.array(duplicateFileSchema),
  refusedFiles: z.array(refusedFileSchema),
});

/**
 * The answer of a batch control (start, pause, resume, cancel, force-start, reprocess): the batch
 * detail; reprocess adds how many items went back to the queue (`requeued`), images and URLs apart.
 */
export const batchActionResultSchema = batchDetailSchema.extend({
  requeued: count.optional(),
  requeuedImages: count.optional(),
  requeuedUrls: count.optional(),
});

/** Optional JSON body of POST /batches/{id}/reprocess: `{"only": "network"}` retries only the URLs' network failures. */
export const reprocessOptionsSchema = z.strictObject({ only: z.enum(["network"]).optional() });
export type ReprocessOptions = z.infer<typeof reprocessOptionsSchema>;

export const batchProgressSchema = z.strictObject({
  batchId: z.uuid(),
  status: batchStatusSchema,
  total: count,
  uploaded: count,
  processed: count,
  failed: count,
  queued: count,
  processing: count,
  duplicates: count,
  percentage: z.number().min(0).max(100),
  ratePerMinute: z.number().nonnegative(),
  etaSeconds: z.number().int().nonnegative().nullable(),
  /** Also sent as the X-Polling-Interval header. */
  pollIntervalSeconds: z.number().int().positive(),
});

/** One page of a keyset-paginated list. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const batchPageSchema = pageSchema(batchSchema);
export const startAllResultSchema = z.strictObject({ started: z.array(z.uuid()) });
export const uploadsCheckResultSchema = z.strictObject({ existing: z.array(z.string()) });

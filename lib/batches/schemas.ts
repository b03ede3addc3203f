import { z } from "zod";

export const createBatchSchema = z.object({
  name: z.string().trim().min(1, "Informe o nome do lote.").max(120),
  brandId: z.uuid().optional().nullable(),
  collectionId: z.uuid().optional().nullable(),
});

export const uploadsCheckSchema = z.object({ uploadIds: z.array(z.string().min(1).max(200)).max(5000) });

/** Client upload ids: opaque, short, safe to log. */
export const clientUploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "uploadId inválido.");

/**
 * POST /batches/{id}/direct-uploads: one file the browser is about to put straight into the store
 * (lib/batches/direct-upload). Type, size and sha256 are the browser's claims, checked by the
 * worker against the bytes before processing.
 */
export const directUploadRequestSchema = z.object({
  uploadId: clientUploadIdSchema,
  /** Name with its folder inside the dropped folder (`VERAO/VD24-0001_FRENTE.jpg`), sanitised as for the streaming route. */
  path: z.string().min(1).max(4096),
  size: z.number().int().min(0),
  contentType: z.string().min(1).max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256 inválido (64 dígitos hexadecimais)."),
});
export type DirectUploadRequest = z.infer<typeof directUploadRequestSchema>;

/** How the browser sends a file: through our streaming route, or straight into the store (Vercel Blob). */
export type UploadTransport = "stream" | "direct";

/** POST /batches/{id}/direct-uploads/complete: the ticket the token answer carried, once the PUT succeeded. */
export const directUploadCompleteSchema = z.object({ ticket: z.string().min(1).max(8192) });

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

/**
 * Seed 004's lowercase list statuses, as aliases of ours (`pending`: not started; `failed`: finished
 * with failures). Our own names are accepted in any case.
 */
const STATUS_ALIASES: Record<string, readonly (typeof BATCH_STATUSES)[number][]> = {
  pending: ["DRAFT", "UPLOADING"],
  failed: ["COMPLETED_WITH_ERRORS"],
};

/** `status=QUEUED` or a comma list (`status=processing,paused`): the distinct statuses it names. */
const statusListSchema = z
  .string()
  .max(400)
  .transform((raw, ctx) => {
    const statuses = new Set<(typeof BATCH_STATUSES)[number]>();
    for (const part of raw
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const upper = part.toUpperCase() as (typeof BATCH_STATUSES)[number];
      const named = BATCH_STATUSES.includes(upper) ? [upper] : STATUS_ALIASES[part.toLowerCase()];
      if (!named) {
        ctx.addIssue({ code: "custom", message: `Status desconhecido: ${part}.` });
        return z.NEVER;
      }
      for (const status of named) statuses.add(status);
    }
    return [...statuses];
  });

const booleanParamSchema = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/**
 * GET /api/v1/batches (seed 004's list): `status`, `limit` (≤ 100, default 50, `per_page` an alias)
 * and `include_soft_deleted` (default false), paginated by keyset `cursor` (the previous page's
 * `nextCursor`). Seed 004's `page` numbers are refused rather than ignored: a script stepping
 * `page=2,3…` would otherwise read the first page forever.
 */
export const batchListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).optional(),
    per_page: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z.uuid().optional(),
    status: statusListSchema.optional(),
    include_soft_deleted: booleanParamSchema.optional(),
    page: z.string().optional(),
  })
  .superRefine((query, ctx) => {
    if (query.page !== undefined)
      ctx.addIssue({ code: "custom", path: ["page"], message: "Use `cursor` (o `nextCursor` da página anterior)." });
  })
  .transform((query) => ({
    limit: query.limit ?? query.per_page ?? 50,
    cursor: query.cursor,
    statuses: query.status,
    includeSoftDeleted: query.include_soft_deleted ?? false,
  }));

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

import { z } from "zod";
import { batchDetailSchema } from "../schemas";

// Requests and answers of the batch lifecycle endpoints (seed 004's field names: new endpoints of issue #15).

/** POST /api/v1/batches/{id}/clone. */
export const cloneBatchSchema = z.strictObject({
  new_name: z.string().trim().min(1, "Informe o nome do lote.").max(120),
  /** URL batches: keep the URLs already fetched (linked to the same images) and fetch only the rest. */
  copy_results: z.boolean().default(false),
  /** URL batches: start fetching at once; otherwise the clone waits as a draft. */
  auto_start: z.boolean().default(false),
});

/** The Lotes page's "mostrar excluídos" in the URL (`/lotes?excluidos=1`). */
export const SHOW_DELETED_PARAM = "excluidos";

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;
export const DEFAULT_RETENTION_DAYS = 30;

/** POST /api/v1/batches/{id}/soft-delete (an empty body takes the default). */
export const softDeleteBatchSchema = z.strictObject({
  retention_days: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).default(DEFAULT_RETENTION_DAYS),
});

/** DELETE /api/v1/batches/{id}?force=true: cancels an active batch first. */
export const deleteBatchQuerySchema = z.object({
  force: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .default(false),
});

const count = z.number().int().nonnegative();

/** The clone: the new batch's detail plus what was copied. */
export const cloneBatchResultSchema = batchDetailSchema.extend({
  cloned: z.strictObject({
    /** Files linked to the same images (upload batch), or results kept (URL batch with copy_results). */
    linked: count,
    /** URLs to fetch again (URL batch). */
    pending: count,
  }),
});

/** What a hard delete or purge removed. */
export const deleteBatchResultSchema = z.strictObject({
  batchId: z.uuid(),
  /** Images only this batch used: rows deleted, blobs removed after the commit. */
  imagesDeleted: count,
  /** Images another batch also received: kept, now owned by that batch. */
  imagesKept: count,
  blobsDeleted: count,
  /** Blobs whose deletion failed (left for the orphan sweep). */
  blobsFailed: count,
});

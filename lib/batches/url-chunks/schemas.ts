import { z } from "zod";

// GET /api/v1/batches/{id}/chunks (seed 004's "Get Batch Chunks" / ProcessingChunk): snake_case
// field names as in the seed; statuses are ours (BatchChunkStatus).

const count = z.number().int().nonnegative();

export const BATCH_CHUNK_STATUSES = ["PENDING", "RUNNING", "PAUSED", "COMPLETED", "CANCELLED"] as const;

export const batchChunkSchema = z.strictObject({
  chunk_id: z.uuid(),
  /** 1-based position in the list. */
  chunk_number: z.number().int().positive(),
  status: z.enum(BATCH_CHUNK_STATUSES),
  /** URLs in the chunk. */
  url_count: count,
  /** Fetched (stored or duplicate) or failed. */
  processed_count: count,
  /** Stored, or already in the bank (duplicate). */
  successful_count: count,
  duplicate_count: count,
  failed_count: count,
  /** Not fetched yet (waiting or being fetched). */
  pending_count: count,
  cancelled_count: count,
  progress_percentage: z.number().min(0).max(100),
  started_at: z.iso.datetime().nullable(),
  completed_at: z.iso.datetime().nullable(),
  /** From the first start to the finish (or to now while it runs). */
  processing_time_seconds: z.number().nonnegative().nullable(),
  /** The worker process holding or last holding the chunk (host:pid). */
  worker_id: z.string().nullable(),
});

export const batchChunksSchema = z.strictObject({
  batch_id: z.uuid(),
  chunks: z.array(batchChunkSchema),
  total_chunks: count,
  /** Pass as `after` for the next page; null on the last one. */
  next_after: z.number().int().positive().nullable(),
});

export const batchChunksQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Chunks after this chunk_number. */
  after: z.coerce.number().int().min(0).default(0),
});

import { z } from "zod";
import { BATCH_STATUSES } from "@/lib/batches/schemas";

// System and queue administration (issue #15, seed 004 "System Management"): the seed's snake_case
// field names are the spec of these endpoints. The server functions are typed by these schemas and
// the browser's types are inferred from them.

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative();

/** GET /api/v1/system/stats?include_soft_deleted=true */
export const systemStatsQuerySchema = z.object({
  include_soft_deleted: z.enum(["true", "false"]).optional(),
});

/** Per pg-boss queue: its jobs by state (pending = created, retrying = retry). */
export const queueCountsSchema = z.strictObject({
  name: z.string(),
  pending: count,
  active: count,
  retrying: count,
  failed: count,
  /** Jobs that finished (pg-boss `completed`) / failed for good in the last 60 minutes. */
  completed_last_hour: count,
  failed_last_hour: count,
});

/** The seed's `queue_stats`, summed over every queue (`processing` = pg-boss `active`). */
export const queueTotalsSchema = z.strictObject({
  pending: count,
  processing: count,
  retrying: count,
  failed: count,
  completed_last_hour: count,
});

export const systemStatsSchema = z.strictObject({
  total_batches: count,
  /** Uploading, queued or processing. */
  active_batches: count,
  /** Completed, with or without errors. */
  completed_batches: count,
  batches_by_status: z.record(z.enum(BATCH_STATUSES), count),
  include_soft_deleted: z.boolean(),
  /** URLs of URL batches that were fetched: stored, duplicate or failed. */
  total_urls_processed: count,
  urls_processed_last_24h: count,
  /** Photos that went through the pipeline: ready or failed. */
  total_images_processed: count,
  images_processed_last_24h: count,
  /** Percent (0–100, one decimal) of finished items that ended as a ready photo; null when none finished. */
  overall_success_rate: z.number().min(0).max(100).nullable(),
  queue_stats: queueTotalsSchema,
  queues: z.array(queueCountsSchema),
  generated_at: z.iso.datetime(),
});

export const STUCK_REASONS = ["EXPIRED_ACTIVE", "NO_WORKER"] as const;
export const stuckReasonSchema = z.enum(STUCK_REASONS);

export const stuckJobSchema = z.strictObject({
  id: z.string(),
  queue: z.string(),
  state: z.enum(["created", "retry", "active"]),
  reason: stuckReasonSchema,
  /** EXPIRED_ACTIVE: since it started; NO_WORKER: since it could have started. */
  age_seconds: seconds,
  retry_count: count,
  created_on: z.iso.datetime(),
  started_on: z.iso.datetime().nullable(),
});

export const queueStatusRowSchema = z.strictObject({
  name: z.string(),
  pending: count,
  active: count,
  retrying: count,
  failed: count,
  stuck: count,
  /** The queue's own lease (pg-boss `expire_seconds`). */
  expire_in_seconds: seconds.nullable(),
  /** How long the oldest job ready to run has waited (null: none waiting). */
  oldest_pending_age_seconds: seconds.nullable(),
  oldest_stuck_age_seconds: seconds.nullable(),
  /** Jobs wait past the threshold and no worker took or finished any of this queue's jobs meanwhile. */
  is_stalled: z.boolean(),
});

export const stuckBatchSchema = z.strictObject({
  batch_id: z.string(),
  batch_name: z.string(),
  status: z.enum(BATCH_STATUSES),
  source: z.enum(["UPLOAD", "URL_LIST"]),
  /** Since the batch last showed progress (a photo finished, a chunk moved, the batch changed). */
  idle_seconds: seconds,
  /** Rows a worker should hold but no live job does. */
  orphan_images: count,
  orphan_urls: count,
  orphan_chunks: count,
});

export const queueStatusSchema = z.strictObject({
  queue_stats: queueTotalsSchema,
  queues: z.array(queueStatusRowSchema),
  total_stuck: count,
  /** The oldest stuck jobs first (at most `limit`). */
  stuck_jobs: z.array(stuckJobSchema),
  stuck_batches: z.array(stuckBatchSchema),
  /** A waiting job counts as stuck after this long with no worker activity in its queue. */
  stuck_after_seconds: seconds,
  recommendations: z.array(z.string()),
  generated_at: z.iso.datetime(),
});

export const queueStatusQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/** Seed names of job types, mapped onto our queues (`job_types` also takes the queue names themselves). */
export const JOB_TYPE_ALIASES: Readonly<Record<string, string>> = {
  process_chunk: "batch.url-chunk",
  chunk_processing: "batch.url-chunk",
  process_image: "image.process",
  image_processing: "image.process",
};

const queueName = z.string().regex(/^[\w.-]{1,100}$/, "Nome de fila inválido.");

/** POST /api/v1/admin/queue/cleanup (seed: `max_age_hours` is accepted as the same threshold). */
export const queueCleanupSchema = z
  .strictObject({
    job_types: z.array(queueName).min(1).max(50).optional(),
    older_than_hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .optional(),
    max_age_hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .optional(),
    /** Seed field; pg-boss's own tables are the queue here, so it changes nothing. */
    clean_database: z.boolean().optional(),
  })
  .transform(({ job_types, older_than_hours, max_age_hours }) => ({
    job_types,
    older_than_hours: older_than_hours ?? max_age_hours ?? 24,
  }));

export const queueCleanupResultSchema = z.strictObject({
  queues: z.array(z.string()),
  older_than_hours: count,
  /** Finished jobs (completed, cancelled, failed) removed from pgboss.job. */
  deleted_jobs: count,
  /** Rows removed from pgboss.archive (archived longer ago than the threshold). */
  deleted_archived: count,
  /** Active jobs past their lease handed back through pg-boss's fail(): retried if attempts remain. */
  released_expired: count,
  /** Jobs still waiting with no worker: left queued (they run once a worker is up). */
  waiting_without_worker: count,
});

/** POST /api/v1/admin/batches/{id}/reset */
export const batchResetSchema = z.strictObject({ force: z.boolean().optional() });

export const batchResetResultSchema = z.strictObject({
  batch_id: z.string(),
  status_before: z.enum(BATCH_STATUSES),
  status: z.enum(BATCH_STATUSES),
  /** Photos taken back from a dead worker (to QUEUED, or CANCELLED in a cancelled batch). */
  images_reset: count,
  /** Photos whose job was sent again. */
  images_requeued: count,
  urls_reset: count,
  chunks_reset: count,
  chunk_jobs_sent: count,
  forced: z.boolean(),
});

export const THROUGHPUT_MINUTES = 60;

export const throughputPointSchema = z.strictObject({
  /** Start of the minute (UTC). */
  minute: z.iso.datetime(),
  completed: count,
  failed: count,
});

export const queueThroughputSchema = z.strictObject({
  minutes: z.number().int().positive(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** Every queue, each with one point per minute (minutes with nothing are zeros), oldest first. */
  queues: z.array(z.strictObject({ name: z.string(), points: z.array(throughputPointSchema) })),
  /** All queues summed per minute. */
  total: z.array(throughputPointSchema),
});

export type SystemStats = z.infer<typeof systemStatsSchema>;
export type QueueStatus = z.infer<typeof queueStatusSchema>;
export type QueueCleanupInput = z.infer<typeof queueCleanupSchema>;
export type QueueCleanupResult = z.infer<typeof queueCleanupResultSchema>;
export type BatchResetResult = z.infer<typeof batchResetResultSchema>;
export type QueueThroughput = z.infer<typeof queueThroughputSchema>;
export type ThroughputPoint = z.infer<typeof throughputPointSchema>;
export type StuckJob = z.infer<typeof stuckJobSchema>;
export type StuckBatch = z.infer<typeof stuckBatchSchema>;

import { z } from "zod";
import { BATCH_SOURCES, batchStatusSchema, batchUrlCountsSchema, namedRefSchema } from "../schemas";

// Answers of the batch analytics endpoints (health, analyze, status). New endpoints of issue #15
// whose field names follow seed 004 (snake_case: health_score, success_rate, top_errors…).

/** URL failure categories (BatchUrl.errorCategory; PROCESSING: fetched, but the server could not record it). */
export const URL_ERROR_CATEGORIES = [
  "INVALID_URL",
  "BLOCKED_ADDRESS",
  "DNS",
  "REFUSED",
  "TIMEOUT",
  "HTTP_4XX",
  "HTTP_5XX",
  "TOO_LARGE",
  "NOT_IMAGE",
  "REDIRECT_LOOP",
  "NETWORK",
  "PROCESSING",
] as const;
export type UrlErrorCategoryName = (typeof URL_ERROR_CATEGORIES)[number];
/** The category the analysis counts the batch's photos that failed processing under (beside the URL ones). */
export const IMAGE_PROCESSING = "IMAGE_PROCESSING";

export const RECOMMENDATION_CODES = [
  "HEALTHY",
  "NO_DATA",
  "LOW_SUCCESS_RATE",
  "SLOW_PROCESSING",
  "DOMINANT_CATEGORY",
  "RISING_FAILURES",
  "NETWORK_RETRY",
  "HOST_SLOW",
  "TIMEOUTS",
  "HOST_FAILING",
  "BLOCKED_ADDRESSES",
  "FIX_INVALID_URLS",
  "CHECK_DNS",
  "HOST_REFUSING",
  "CHECK_LINKS",
  "SOURCE_SERVER_ERRORS",
  "FILES_TOO_LARGE",
  "NOT_IMAGES",
  "REDIRECT_LOOPS",
  "PROCESSING_FAILURES",
  "STORAGE_FAILURES",
] as const;
export type RecommendationCode = (typeof RECOMMENDATION_CODES)[number];

/** A recommendation: a stable code the UI translates, its pt-BR text (API callers) and its parameters. */
export const recommendationSchema = z.strictObject({
  code: z.enum(RECOMMENDATION_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const HEALTH_STATUSES = ["saudavel", "atencao", "critico", "sem_dados"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

const percentage = z.number().min(0).max(100);
const count = z.number().int().nonnegative();

export const batchHealthSchema = z.strictObject({
  batch_id: z.uuid(),
  source: z.enum(BATCH_SOURCES),
  batch_status: batchStatusSchema,
  /** 0–100, null while nothing has finished (nothing to judge yet). */
  health_score: percentage.nullable(),
  status: z.enum(HEALTH_STATUSES),
  status_label: z.string(),
  /** Successful over finished items, in %. */
  success_rate: percentage.nullable(),
  /** Each component's score 0–100 (null: not measurable yet) and its weight in health_score. */
  factors: z.strictObject({
    success_rate: percentage.nullable(),
    processing_speed: percentage.nullable(),
    error_patterns: percentage.nullable(),
  }),
  weights: z.strictObject({ success_rate: z.number(), processing_speed: z.number(), error_patterns: z.number() }),
  counts: z.strictObject({ total: count, finished: count, successful: count, failed: count }),
  speed: z.strictObject({
    items_per_minute: z.number().nonnegative().nullable(),
    /** Median items/min of the last `norm_window` finished batches of the same source. */
    norm_items_per_minute: z.number().nonnegative().nullable(),
    norm_batches: count,
    norm_window: count,
    /** items_per_minute ÷ norm (1 = as fast as usual). */
    ratio: z.number().nonnegative().nullable(),
  }),
  error_patterns: z.strictObject({
    dominant_category: z.string().nullable(),
    /** The dominant category's share of the failures, in %. */
    dominant_share: percentage.nullable(),
    blocked_count: count,
    rising_failures: z
      .strictObject({
        chunk_number: z.number().int().positive(),
        failure_rate: percentage,
        previous_failure_rate: percentage,
      })
      .nullable(),
  }),
  recommendations: z.array(recommendationSchema),
  computed_at: z.iso.datetime(),
});

export const errorCategoryCountSchema = z.strictObject({
  category: z.string(),
  /** "url": the URL was not fetched; "processing": the file arrived but its image failed. */
  kind: z.enum(["url", "processing"]),
  count,
  percentage,
});

export const topErrorSchema = z.strictObject({
  /** The stored code (URL_TIMEOUT, HTTP_404, IMAGE_DECODE_FAILED…). */
  error_type: z.string(),
  category: z.string(),
  http_status: z.number().int().nullable(),
  count,
  percentage,
});

export const affectedHostSchema = z.strictObject({
  host: z.string(),
  failed: count,
  /** Share of all the batch's URL failures, in %. */
  percentage,
  top_category: z.string(),
});

export const blockedUrlSchema = z.strictObject({
  line_number: z.number().int().nonnegative(),
  url: z.string(),
  error_code: z.string().nullable(),
});

export const batchAnalysisSchema = z.strictObject({
  batch_id: z.uuid(),
  source: z.enum(BATCH_SOURCES),
  total_items: count,
  total_errors: count,
  /** Failed over finished items, in %. */
  error_rate: percentage.nullable(),
  /** Seed shape: count per category present. */
  error_categories: z.record(z.string(), count),
  /** The same, ordered by count, with kinds and percentages of total_errors. */
  categories: z.array(errorCategoryCountSchema),
  top_errors: z.array(topErrorSchema),
  hosts: z.array(affectedHostSchema),
  blocked_count: count,
  /** The first blocked URLs by line number (blocked_count has them all). */
  blocked_urls: z.array(blockedUrlSchema),
  recommendations: z.array(recommendationSchema),
  computed_at: z.iso.datetime(),
});

export const batchStatusDetailSchema = z.strictObject({
  batch_info: z.strictObject({
    batch_id: z.uuid(),
    batch_name: z.string(),
    status: batchStatusSchema,
    source: z.enum(BATCH_SOURCES),
    /** URLs of a URL batch, files of an upload batch. */
    total_items: count,
    chunk_size: z.number().int().positive().nullable(),
    total_chunks: count,
    is_active: z.boolean(),
    brand: namedRefSchema.nullable(),
    collection: namedRefSchema.nullable(),
  }),
  progress: z.strictObject({
    total: count,
    processed_count: count,
    successful_count: count,
    failed_count: count,
    pending_count: count,
    cancelled_count: count,
    progress_percentage: percentage,
    /** 1-based number of the first chunk not finished (total_chunks once all are); null for uploads. */
    current_chunk: z.number().int().nonnegative().nullable(),
    total_chunks: count,
    /** A URL batch's URLs by state (null for uploads). */
    url_counts: batchUrlCountsSchema.nullable(),
  }),
  timing: z.strictObject({
    created_at: z.iso.datetime(),
    started_at: z.iso.datetime().nullable(),
    finished_at: z.iso.datetime().nullable(),
    elapsed_seconds: count.nullable(),
    elapsed_time_minutes: z.number().nonnegative().nullable(),
    eta_seconds: count.nullable(),
    estimated_completion: z.iso.datetime().nullable(),
  }),
  performance: z.strictObject({
    /** Items finished per minute at the current rate (recent chunks, or the last 5 minutes of photos). */
    processing_rate_per_minute: z.number().nonnegative(),
    /** Items finished per minute over the whole run (finished ÷ elapsed). */
    average_rate_per_minute: z.number().nonnegative().nullable(),
    success_rate: percentage.nullable(),
    /** Mean fetch time of the recent chunks' URLs (URL batches). */
    average_time_per_url: z.number().nonnegative().nullable(),
  }),
  /** Also sent as the X-Polling-Interval header. */
  polling_interval_seconds: z.number().int().positive(),
});

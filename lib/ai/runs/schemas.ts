import { z } from "zod";
import { AI_FIELDS, DEFAULT_AI_FIELDS } from "@/lib/ai/fields";
import { bulkSelectionSchema } from "@/lib/images/bulk/schemas";

/**
 * AI vision runs (POST /api/v1/ai/runs and friends): what a caller sends, and the answers (schemas
 * too, so the browser's types and the integration test that parses real answers share one shape).
 */
export const AI_RUN_MODES = ["now", "batch"] as const;
export type AiRunMode = (typeof AI_RUN_MODES)[number];
export const AI_RUN_ENGINES = ["model", "local"] as const;
export type AiRunEngine = (typeof AI_RUN_ENGINES)[number];
export const AI_RUN_STATUSES = ["QUEUED", "RUNNING", "PAUSED", "CANCELLED", "COMPLETED", "FAILED"] as const;
export const AI_RUN_ITEM_STATUSES = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED"] as const;

const fieldsSchema = z
  .array(z.enum(AI_FIELDS))
  .min(1, "Escolha ao menos um campo.")
  .max(AI_FIELDS.length)
  .transform((fields) => AI_FIELDS.filter((f) => fields.includes(f)));

/** POST /api/v1/ai/runs and /estimate: the catalog's selection (ids or filter), the fields, the mode. */
export const aiRunInputSchema = z.strictObject({
  selection: bulkSelectionSchema,
  fields: fieldsSchema,
  overwriteManual: z.boolean().default(false),
  mode: z.enum(AI_RUN_MODES).default("now"),
});
export type AiRunInput = z.infer<typeof aiRunInputSchema>;

/** POST /api/v1/images/{id}/analyze: a run of one photo (DEFAULT_AI_FIELDS unless told). */
export const analyzeImageInputSchema = z.strictObject({
  fields: fieldsSchema.default([...DEFAULT_AI_FIELDS]),
  overwriteManual: z.boolean().default(false),
});

export const aiRunListQuerySchema = z.strictObject({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const aiRunItemsQuerySchema = z.strictObject({
  cursor: z.uuid().optional(),
  status: z.enum(AI_RUN_ITEM_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The job's payload; the run row holds everything else. */
export const aiRunJobPayloadSchema = z.object({ runId: z.uuid() });

// Answers.
export const aiRunEstimateSchema = z.strictObject({
  costUsd: z.number().nonnegative(),
  seconds: z.number().nonnegative(),
  ratePerMinute: z.number().nonnegative(),
  perImageTokens: z.strictObject({ tokensIn: z.number().int(), tokensOut: z.number().int() }),
});
export type AiRunEstimate = z.infer<typeof aiRunEstimateSchema>;

export const aiRunEstimateAnswerSchema = z.strictObject({
  total: z.number().int().nonnegative(),
  estimate: aiRunEstimateSchema,
  /** Which engine a run started now would use (no vision key: the local analyser), and its model. */
  engine: z.enum(AI_RUN_ENGINES),
  model: z.string(),
});
export const aiRunCreatedSchema = z.strictObject({
  id: z.uuid(),
  total: z.number().int().nonnegative(),
  estimate: aiRunEstimateSchema,
});
export const aiRunStartedSchema = z.strictObject({ runId: z.uuid() });

const count = z.number().int().nonnegative();

export const aiRunSummarySchema = z.strictObject({
  id: z.uuid(),
  status: z.enum(AI_RUN_STATUSES),
  mode: z.enum(AI_RUN_MODES),
  engine: z.enum(AI_RUN_ENGINES),
  fields: z.array(z.enum(AI_FIELDS)),
  overwriteManual: z.boolean(),
  model: z.string(),
  total: count,
  succeeded: count,
  failed: count,
  skipped: count,
  cancelled: count,
  /** Items not finished yet (PENDING or RUNNING). */
  pending: count,
  costUsd: z.number().nonnegative(),
  tokensIn: count,
  tokensOut: count,
  estimate: aiRunEstimateSchema,
  pauseReason: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  createdBy: z.strictObject({ name: z.string().nullable(), email: z.string() }).nullable(),
});
export type AiRunSummary = z.infer<typeof aiRunSummarySchema>;

export const aiRunPageSchema = z.strictObject({ items: z.array(aiRunSummarySchema), nextCursor: z.uuid().nullable() });

export const aiRunDetailSchema = z.strictObject({
  ...aiRunSummarySchema.shape,
  /** Finished items (succeeded, failed, skipped, cancelled) of the total, 0–100. */
  percent: z.number().min(0).max(100),
  /** Photos finished per minute over the last minutes (null before any). */
  imagesPerMinute: z.number().nonnegative().nullable(),
  etaSeconds: z.number().int().nonnegative().nullable(),
  isDone: z.boolean(),
});
export type AiRunDetail = z.infer<typeof aiRunDetailSchema>;

export const aiRunItemViewSchema = z.strictObject({
  id: z.uuid(),
  imageId: z.uuid(),
  fileName: z.string(),
  thumbnailUrl: z.string().nullable(),
  status: z.enum(AI_RUN_ITEM_STATUSES),
  attempts: count,
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  durationMs: z.number().int().nullable(),
  costUsd: z.number().nonnegative(),
  finishedAt: z.iso.datetime().nullable(),
});
export type AiRunItemView = z.infer<typeof aiRunItemViewSchema>;

export const aiRunItemPageSchema = z.strictObject({
  items: z.array(aiRunItemViewSchema),
  nextCursor: z.uuid().nullable(),
});

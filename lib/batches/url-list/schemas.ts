import { z } from "zod";
import { batchDetailSchema } from "../schemas";

export const DEFAULT_CHUNK_SIZE = 2000;
export const MAX_CHUNK_SIZE = 10_000;

const booleanField = z
  .enum(["true", "false", "1", "0", "on", "off", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "on" || v === "yes");

/**
 * The text fields of a multipart `POST /api/v1/batches` (a URL list), seed 004's names: all
 * optional; `batch_name` defaults to the file's name, `auto_start` to true, `chunk_size` to 2,000.
 */
export const urlListFormSchema = z.object({
  batch_name: z.string().trim().max(120).optional(),
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  auto_start: booleanField.default(true),
  chunk_size: z.coerce.number().int().min(1).max(MAX_CHUNK_SIZE).default(DEFAULT_CHUNK_SIZE),
});
export type UrlListForm = z.infer<typeof urlListFormSchema>;

const count = z.number().int().nonnegative();

/** The answer of a URL batch creation: the batch detail plus what the list gave. */
export const urlBatchCreatedSchema = batchDetailSchema.extend({
  accepted: count,
  duplicates: count,
  invalid: count,
  autoStarted: z.boolean(),
});

export const previewInvalidLineSchema = z.strictObject({
  line: z.number().int().positive(),
  /** The line's URL cell (or the whole line when it is empty), at most 500 characters. */
  text: z.string(),
  code: z.string(),
  category: z.enum(["INVALID_URL", "BLOCKED_ADDRESS"]),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const previewValidRowSchema = z.strictObject({
  line: z.number().int().positive(),
  url: z.string(),
  sku: z.string().nullable(),
  path: z.string().nullable(),
  name: z.string().nullable(),
});

export const PREVIEW_INVALID_SHOWN = 100;
export const PREVIEW_VALID_SHOWN = 20;

/** `POST /api/v1/batches/url-list/preview`: what creating a batch from this list would keep. */
export const urlListPreviewSchema = z.strictObject({
  fileName: z.string(),
  /** Non-empty lines after the header. */
  totalLines: count,
  /** Distinct valid URLs: the batch's PENDING URLs. */
  valid: count,
  /** Lines repeating an earlier line (dropped). */
  duplicates: count,
  /** Distinct invalid lines, blocked addresses included (kept as FAILED URLs). */
  invalid: count,
  /** Of `invalid`: literal private/loopback addresses. */
  blocked: count,
  /** How many chunks the batch would have at the default chunk size. */
  chunks: count,
  invalidLines: z.array(previewInvalidLineSchema),
  validRows: z.array(previewValidRowSchema),
});
export type UrlListPreview = z.infer<typeof urlListPreviewSchema>;

export const templateQuerySchema = z.object({ format: z.enum(["csv"]).default("csv") });

import { z } from "zod";
import { booleanParam, imageFilterShape, imageIdListParamSchema } from "@/lib/images/schemas";

export const EXPORT_FORMAT_NAMES = ["csv", "json", "ndjson", "xlsx"] as const;

/** The largest export one request streams; beyond it, refine the filter. */
export const EXPORT_MAX_ROWS = 1_000_000;

/** POST /api/v1/export/filtered: the catalog's filters (as its URL keeps them), a format, a row cap. */
export const filteredExportSchema = z.strictObject({
  filters: z.strictObject(imageFilterShape).default({}),
  format: z.string().min(1).max(20),
  limit: z.number().int().min(1).max(EXPORT_MAX_ROWS).optional(),
  metadata: z.boolean().default(true),
  /** CSV only: `;` for Excel pt-BR (default) or `,`. */
  separator: z.enum([";", ","]).default(";"),
});
export type FilteredExportInput = z.infer<typeof filteredExportSchema>;

/** Most ids an export of a selection names in its URL (a bigger selection is exported by its filter). */
export const EXPORT_MAX_IDS = 1_000;

/**
 * GET /api/v1/export/filtered: the same export as a plain download link (the file streams to disk,
 * not into the page): the catalog's filters as its URL keeps them, or `imageIds` — not both.
 * `metadata=true|false` (seed 004): the carteira, AI and technical columns, or only the base ones.
 */
export const filteredExportQuerySchema = z
  .strictObject({
    ...imageFilterShape,
    imageIds: imageIdListParamSchema(EXPORT_MAX_IDS).optional(),
    format: z.string().min(1).max(20).default("csv"),
    metadata: booleanParam.default(true),
    separator: z.enum([";", ","]).default(";"),
    limit: z.coerce.number().int().min(1).max(EXPORT_MAX_ROWS).optional(),
  })
  .refine(
    (query) =>
      query.imageIds === undefined ||
      Object.keys(imageFilterShape).every((key) => query[key as keyof typeof imageFilterShape] === undefined),
    "Use imageIds ou os filtros do catálogo, não os dois.",
  );
export type FilteredExportQuery = z.infer<typeof filteredExportQuerySchema>;

export const exportFormatsSchema = z.strictObject({
  formats: z.array(
    z.strictObject({
      format: z.enum(EXPORT_FORMAT_NAMES),
      extension: z.string(),
      content_type: z.string(),
      description: z.string(),
    }),
  ),
});

export const exportStatisticsSchema = z.strictObject({
  total: z.number().int(),
  today: z.number().int(),
  by_format: z.record(z.string(), z.number().int()),
  average_bytes: z.number().int(),
  total_rows: z.number().int(),
  last_export_at: z.iso.datetime().nullable(),
});

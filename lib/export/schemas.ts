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

const dateParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** GET /api/v1/export/batch/{id} (and its preview / summary): seed 004's query. */
export const batchExportQuerySchema = z
  .strictObject({
    format: z.string().min(1).max(20).default("csv"),
    metadata: booleanParam.default(true),
    separator: z.enum([";", ","]).default(";"),
    success_only: booleanParam.default(false),
    failed_only: booleanParam.default(false),
    start_date: dateParam.optional(),
    end_date: dateParam.optional(),
  })
  .refine((q) => !(q.success_only && q.failed_only), {
    message: "Use success_only ou failed_only, não os dois.",
    path: ["failed_only"],
  })
  .refine((q) => !q.start_date || !q.end_date || dateOf(q.start_date, "from") < dateOf(q.end_date, "to"), {
    message: "start_date é depois de end_date.",
    path: ["start_date"],
  });
export type BatchExportQuery = z.infer<typeof batchExportQuerySchema>;

/** A day (`2026-03-01`) is the whole UTC day (`to`: its end, exclusive); an instant is itself. */
export function dateOf(value: string, edge: "from" | "to"): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    return edge === "to" ? new Date(day.getTime() + 86_400_000) : day;
  }
  return new Date(value);
}

/** POST /api/v1/export/batches/multiple: seed 004's body; at most this many batches in one ZIP. */
export const MULTIPLE_EXPORT_MAX_BATCHES = 100;
export const multipleBatchExportSchema = z.strictObject({
  batch_ids: z
    .array(z.uuid("Id de lote inválido."))
    .min(1, "Informe ao menos um lote.")
    .max(MULTIPLE_EXPORT_MAX_BATCHES, `No máximo ${MULTIPLE_EXPORT_MAX_BATCHES} lotes por exportação.`),
  format: z.string().min(1).max(20).default("csv"),
  metadata: z.boolean().default(true),
});

/**
 * GET /api/v1/export/batches/multiple?batch_ids=a,b: the same ZIP as a plain link, so the browser
 * saves it as it streams (a POST answered to fetch would have to be held whole in the page).
 */
export const multipleBatchExportQuerySchema = z.strictObject({
  batch_ids: z
    .string()
    .max(MULTIPLE_EXPORT_MAX_BATCHES * 37 + 1)
    .transform((raw) =>
      raw
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(multipleBatchExportSchema.shape.batch_ids),
  format: z.string().min(1).max(20).default("csv"),
  metadata: booleanParam.default(true),
});

const countSchema = z.number().int().nonnegative();
export const batchExportSummarySchema = z.strictObject({
  batch_id: z.uuid(),
  batch_name: z.string(),
  total_items: countSchema,
  successful: countSchema,
  duplicates: countSchema,
  failed: countSchema,
  pending: countSchema,
  cancelled: countSchema,
  success_rate: z.number().min(0).max(100),
  estimated_size_bytes: z.strictObject({ csv: countSchema, json: countSchema, ndjson: countSchema, xlsx: countSchema }),
  available_filters: z.strictObject({
    success_only: countSchema,
    failed_only: countSchema,
    date_range: z.strictObject({ start: z.iso.datetime().nullable(), end: z.iso.datetime().nullable() }),
  }),
});
export type BatchExportSummary = z.infer<typeof batchExportSummarySchema>;

import { z } from "zod";
import { imageFilterShape } from "@/lib/images/schemas";

export const EXPORT_FORMAT_NAMES = ["csv", "json", "ndjson", "xlsx"] as const;

/** `metadata=true|false` in a query (seed 004): the carteira, AI and technical columns or only the base ones. */
export const booleanParamSchema = z.enum(["true", "false"]).transform((v) => v === "true");

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

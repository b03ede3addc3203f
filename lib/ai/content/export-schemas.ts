import { z } from "zod";
import { imageFilterShape } from "@/lib/images/schemas";

/** Most ids an export by selection may name (a bigger one is a filter selection, as in the bulk bar). */
export const CONTENT_EXPORT_MAX_IDS = 1_000;

/**
 * GET /api/v1/export/content: the catalog's own filters (lib/images/schemas.ts), or `imageIds`
 * (comma-separated) for a selection — not both.
 */
export const contentExportQuerySchema = z
  .strictObject({
    ...imageFilterShape,
    imageIds: z
      .string()
      .max(CONTENT_EXPORT_MAX_IDS * 37)
      .transform((raw) => [
        ...new Set(
          raw
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.uuid("Id de foto inválido.")).min(1).max(CONTENT_EXPORT_MAX_IDS))
      .optional(),
  })
  .refine(
    ({ imageIds, ...filter }) => imageIds === undefined || Object.values(filter).every((v) => v === undefined),
    "Use imageIds ou os filtros do catálogo, não os dois.",
  );
export type ContentExportQuery = z.infer<typeof contentExportQuerySchema>;

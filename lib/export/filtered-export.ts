import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { Prisma } from "@/lib/db/client";
import { imageFilterConditions, whereOf } from "@/lib/images/image-filters";
import type { ImageFilter } from "@/lib/images/schemas";
import type { ExportEstimate } from "./estimated-size";
import { photosFileStream } from "./export-builders";
import { ESTIMATE_SAMPLE_ROWS, estimateExport } from "./export-estimate";
import { imageExportColumns, imageExportPages } from "./image-export";
import { parseExportFormat } from "./formats";
import { recordedExport } from "./record-export";
import type { FilteredExportInput, FilteredExportQuery } from "./schemas";

export type CatalogExportRequest = Omit<FilteredExportInput, "filters"> & {
  selection: { filters: ImageFilter } | { imageIds: string[] };
};

/** POST's JSON body and GET's query as one request. */
export function catalogExportRequest(input: FilteredExportInput | FilteredExportQuery): CatalogExportRequest {
  if ("filters" in input) {
    const { filters, ...rest } = input;
    return { ...rest, selection: { filters } };
  }
  const { imageIds, format, metadata, separator, limit, ...filters } = input;
  return { format, metadata, separator, limit, selection: imageIds ? { imageIds } : { filters } };
}

function selectionWhere(selection: CatalogExportRequest["selection"]): Prisma.Sql {
  return "imageIds" in selection
    ? Prisma.sql`i."id" = ANY(${selection.imageIds}::uuid[])`
    : whereOf(imageFilterConditions(selection.filters));
}

/** GET /api/v1/export/filtered/estimate: the export's first rows in every format (export-estimate.ts). */
export function filteredExportEstimate(input: CatalogExportRequest): Promise<ExportEstimate> {
  const limit = Math.min(input.limit ?? Number.POSITIVE_INFINITY, ESTIMATE_SAMPLE_ROWS + 1);
  return estimateExport({
    columns: imageExportColumns(input.metadata),
    pages: imageExportPages(selectionWhere(input.selection), { limit, pageSize: limit }),
    csvSeparator: input.separator,
  });
}

/**
 * The photos a catalog filter selects (the same conditions as the grid; search words match as
 * typed — the catalog's misspelling fallback is a per-page retry, not a filter) or a selection of
 * ids, in id order, as one recorded export in the format asked for.
 */
export async function filteredExport(actor: SessionUser, input: CatalogExportRequest) {
  const format = parseExportFormat(input.format);
  const { selection } = input;
  const where = selectionWhere(selection);
  const stream = await recordedExport({ kind: "filtered", format, userId: actor.id }, (count) =>
    photosFileStream(
      {
        format,
        where,
        metadata: input.metadata,
        separator: input.separator,
        limit: input.limit,
        selection:
          "imageIds" in selection
            ? { label: "Fotos selecionadas", value: selection.imageIds.length }
            : { label: "Filtros", value: JSON.stringify(selection.filters) },
      },
      count,
    ),
  );
  return { format, stream };
}

import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { imageFilterConditions, whereOf } from "@/lib/images/image-filters";
import { exportStream } from "./export-stream";
import { parseExportFormat } from "./formats";
import { imageExportColumns, imageExportPages, type ImageExportRow } from "./image-export";
import { recordedExport } from "./record-export";
import type { FilteredExportInput } from "./schemas";

/**
 * The photos a catalog filter selects (the same conditions as the grid; search words match as
 * typed — the catalog's misspelling fallback is a per-page retry, not a filter), in id order, as
 * one recorded export in the format asked for.
 */
export async function filteredExport(actor: SessionUser, input: FilteredExportInput) {
  const format = parseExportFormat(input.format);
  const where = whereOf(imageFilterConditions(input.filters));
  const columns = imageExportColumns(input.metadata);
  const stream = await recordedExport<ImageExportRow>({ kind: "filtered", format, userId: actor.id }, (count) =>
    exportStream({
      format,
      columns,
      csvSeparator: input.separator,
      pages: count(imageExportPages(where, { limit: input.limit })),
      summary: async () => [
        { label: "Exportado em", value: new Date() },
        { label: "Filtros", value: JSON.stringify(input.filters) },
        { label: "Colunas", value: input.metadata ? "completas (metadata=true)" : "básicas (metadata=false)" },
      ],
    }),
  );
  return { format, stream };
}

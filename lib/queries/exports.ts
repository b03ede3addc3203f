/** The formats the export menu offers, in its order (the server's list: lib/export/schemas.ts). */
export const EXPORT_MENU_FORMATS = ["csv", "xlsx", "json", "ndjson"] as const;
export type ExportMenuFormat = (typeof EXPORT_MENU_FORMATS)[number];

/**
 * GET /api/v1/export/filtered for the catalog's filter (its URL record) or a selection of ids: a
 * plain link, so the file streams to disk instead of into the page.
 */
export function catalogExportUrl(
  selection: { imageIds: string[] } | { filter: Record<string, string> },
  options: { format: ExportMenuFormat; metadata: boolean },
): string {
  const query =
    "imageIds" in selection
      ? new URLSearchParams({ imageIds: selection.imageIds.join(",") })
      : new URLSearchParams(selection.filter);
  // Exports are in id order: the grid's sort is not a filter.
  query.delete("sort");
  query.set("format", options.format);
  query.set("metadata", String(options.metadata));
  return `/api/v1/export/filtered?${query.toString()}`;
}

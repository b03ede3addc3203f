import "server-only";
/** The formats every export offers (`format=`), with what the browser is told. */
export const EXPORT_FORMATS = ["csv", "json", "ndjson", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  ndjson: { contentType: "application/x-ndjson; charset=utf-8", extension: "ndjson" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
};

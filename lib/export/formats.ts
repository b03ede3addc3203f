import { ApiError } from "@/lib/api/errors";
import { EXPORT_FORMAT_NAMES } from "./schemas";

/** The formats every export offers (`format=`), with what the browser is told. */
export const EXPORT_FORMATS = EXPORT_FORMAT_NAMES;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  ndjson: { contentType: "application/x-ndjson; charset=utf-8", extension: "ndjson" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
};

export const EXPORT_FORMAT_DESCRIPTIONS: Record<ExportFormat, string> = {
  csv: "CSV UTF-8 com BOM, separador ; (Excel pt-BR) ou ,",
  json: "Um array JSON",
  ndjson: "Um objeto JSON por linha",
  xlsx: "Planilha Excel: aba Dados e aba Resumo",
};

/** The format asked for, or EXPORT_FORMAT_UNSUPPORTED (400) naming the supported ones. */
export function parseExportFormat(raw: string | null | undefined, fallback: ExportFormat = "csv"): ExportFormat {
  const value = (raw ?? fallback).trim().toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  const formats = EXPORT_FORMATS.join(", ");
  throw new ApiError(
    "EXPORT_FORMAT_UNSUPPORTED",
    `Formato de exportação não suportado: ${value}. Use um destes: ${formats}.`,
    {
      format: value,
      formats,
    },
  );
}

/** Content-Disposition for a download named `<base>-<date>.<ext>`. */
export function exportHeaders(format: ExportFormat, base: string, now = new Date()): Record<string, string> {
  const info = EXPORT_FORMAT_INFO[format];
  return {
    "Content-Type": info.contentType,
    "Content-Disposition": `attachment; filename="${base}-${now.toISOString().slice(0, 10)}.${info.extension}"`,
    "Cache-Control": "no-store",
  };
}

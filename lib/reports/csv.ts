import "server-only";
/** UTF-8 byte order mark: Excel (pt-BR) opens the file as UTF-8 only with it. */
export const CSV_BOM = "\uFEFF";
/** Excel in pt-BR uses `;` as list separator (`,` is the decimal separator). */
export const CSV_SEPARATOR = ";";

// Cells Excel/LibreOffice would evaluate as a formula (CSV injection): = + - @ and tab/CR first.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

/** One CSV cell: formula-like text prefixed with `'`, quoted when it holds `;`, `"` or a newline. */
export function csvCell(value: string | number | null | undefined): string {
  if (value == null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as Excel writes them). */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(CSV_SEPARATOR) + "\r\n";
}

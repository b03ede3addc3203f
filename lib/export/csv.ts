/** UTF-8 byte order mark: Excel (pt-BR) opens the file as UTF-8 only with it. */
export const CSV_BOM = "\uFEFF";
/** Excel in pt-BR uses `;` as list separator (`,` is the decimal separator). */
export const CSV_SEPARATOR = ";";
export type CsvSeparator = ";" | ",";

// Cells Excel/LibreOffice would evaluate as a formula (CSV injection): = + - @ and tab/CR first.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES: Record<CsvSeparator, RegExp> = { ";": /[";\r\n]/, ",": /[",\r\n]/ };

/** True for text a spreadsheet would evaluate as a formula (OWASP CSV injection). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

// First characters of a formula-like cell: = + - @ tab CR (char codes, tested once per text cell).
const FORMULA_CODES = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/** One CSV cell: formula-like text prefixed with `'`, quoted when it holds the separator, `"` or a newline. */
export function csvCell(value: string | number | null | undefined, separator: CsvSeparator = CSV_SEPARATOR): string {
  if (value == null) return "";
  // A number never holds the separator, a quote or a newline, and is never neutralised (-3 stays a number).
  if (typeof value === "number") return String(value);
  const text = FORMULA_CODES.has(value.charCodeAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES[separator].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as Excel writes them). */
export function csvLine(
  values: readonly (string | number | null | undefined)[],
  separator: CsvSeparator = CSV_SEPARATOR,
): string {
  return values.map((value) => csvCell(value, separator)).join(separator) + "\r\n";
}

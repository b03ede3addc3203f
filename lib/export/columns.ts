/** A cell's value before a format writes it: text, a number, a yes/no, a moment, or nothing. */
export type CellValue = string | number | boolean | Date | null | undefined;

/**
 * The same value as `value` in SQL, an expression over the fields of the rows query (ExportSpec.sql):
 * `text` for a text value (null for none), `number` for a number (written as PostgreSQL prints it,
 * which is how String() prints the integers exports hold). `plain`: the text is, by how it is made,
 * never empty and never starts with a formula character (an enum's name, a moment PostgreSQL formats,
 * a URL built from a prefix), so CSV writes it with no check.
 */
export type ColumnSql = { text: string; plain?: true } | { number: string };

/**
 * One column of an export: its key (JSON), its header (CSV/XLSX), how a row gives its value and,
 * when it has one, the same value in SQL (the exports PostgreSQL writes need every column's).
 */
export type ExportColumn<Row> = { key: string; header: string; value: (row: Row) => CellValue; sql?: ColumnSql };

/** A summary line (the XLSX "Resumo" sheet; JSON/CSV leave it out). */
export type SummaryLine = { label: string; value: CellValue };

/** The JSON form of a cell: dates as ISO strings, missing as null. */
export function jsonValue(value: CellValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The text form of a cell for CSV: dates ISO, yes/no as sim/não (the pt-BR sheets read them). */
export function textValue(value: CellValue): string | number | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "sim" : "não";
  return value;
}

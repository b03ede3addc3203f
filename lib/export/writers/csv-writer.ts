import type { ExportColumn } from "../columns";
import { textValue } from "../columns";
import { CSV_BOM, csvLine, type CsvSeparator } from "../csv";
import type { RowWriter } from "./row-writer";

/** CSV for Excel pt-BR by default (BOM, `;`, CRLF); formula-like text cells neutralised (lib/export/csv.ts). */
export function csvWriter<Row>(columns: readonly ExportColumn<Row>[], separator: CsvSeparator = ";"): RowWriter<Row> {
  return {
    start: () =>
      CSV_BOM +
      csvLine(
        columns.map((c) => c.header),
        separator,
      ),
    rows: (rows) =>
      rows
        .map((row) =>
          csvLine(
            columns.map((c) => textValue(c.value(row))),
            separator,
          ),
        )
        .join(""),
    end: () => "",
  };
}

import type { ExportColumn } from "../columns";
import { textValue } from "../columns";
import { CSV_BOM, csvCell, csvLine, type CsvSeparator } from "../csv";
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
    // One string per page, cell by cell (no array per row: a million rows are 40 million cells).
    rows: (rows) => {
      let text = "";
      for (const row of rows) {
        for (let i = 0; i < columns.length; i++) {
          if (i > 0) text += separator;
          text += csvCell(textValue(columns[i]!.value(row)), separator);
        }
        text += "\r\n";
      }
      return text;
    },
    end: () => "",
  };
}

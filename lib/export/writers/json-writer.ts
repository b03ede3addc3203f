import type { ExportColumn } from "../columns";
import { jsonValue } from "../columns";
import type { RowWriter } from "./row-writer";

function objectOf<Row>(columns: readonly ExportColumn<Row>[], row: Row): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const column of columns) object[column.key] = jsonValue(column.value(row));
  return object;
}

/** One JSON array, written as it streams (`[`, the objects separated by commas, `]`). */
export function jsonArrayWriter<Row>(columns: readonly ExportColumn<Row>[]): RowWriter<Row> {
  let first = true;
  return {
    start: () => "[",
    rows: (rows) =>
      rows
        .map((row) => {
          const text = (first ? "\n" : ",\n") + JSON.stringify(objectOf(columns, row));
          first = false;
          return text;
        })
        .join(""),
    end: () => (first ? "]\n" : "\n]\n"),
  };
}

/** NDJSON: one object a line. */
export function ndjsonWriter<Row>(columns: readonly ExportColumn<Row>[]): RowWriter<Row> {
  return {
    start: () => "",
    rows: (rows) => rows.map((row) => JSON.stringify(objectOf(columns, row)) + "\n").join(""),
    end: () => "",
  };
}

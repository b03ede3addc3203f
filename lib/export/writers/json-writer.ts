import type { ExportColumn } from "../columns";
import { jsonValue } from "../columns";
import type { RowWriter } from "./row-writer";

/**
 * A row's JSON object as text, the same as JSON.stringify of {key: jsonValue(value)} in column
 * order, written directly: the keys are quoted once, and no object is built per row.
 */
function objectWriter<Row>(columns: readonly ExportColumn<Row>[]): (row: Row) => string {
  const prefixes = columns.map((column, i) => (i === 0 ? "{" : ",") + JSON.stringify(column.key) + ":");
  return (row) => {
    let text = "";
    for (let i = 0; i < columns.length; i++) {
      const value = jsonValue(columns[i]!.value(row));
      text +=
        prefixes[i]! +
        (typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : JSON.stringify(value));
    }
    return columns.length ? text + "}" : "{}";
  };
}

/** One JSON array, written as it streams (`[`, the objects separated by commas, `]`). */
export function jsonArrayWriter<Row>(columns: readonly ExportColumn<Row>[]): RowWriter<Row> {
  const objectOf = objectWriter(columns);
  let first = true;
  return {
    start: () => "[",
    rows: (rows) => {
      let text = "";
      for (const row of rows) {
        text += (first ? "\n" : ",\n") + objectOf(row);
        first = false;
      }
      return text;
    },
    end: () => (first ? "]\n" : "\n]\n"),
  };
}

/** NDJSON: one object a line. */
export function ndjsonWriter<Row>(columns: readonly ExportColumn<Row>[]): RowWriter<Row> {
  const objectOf = objectWriter(columns);
  return {
    start: () => "",
    rows: (rows) => {
      let text = "";
      for (const row of rows) text += objectOf(row) + "\n";
      return text;
    },
    end: () => "",
  };
}

// The text writers write cell by cell for speed (bench:export); their output must stay byte for
// byte what the plain forms give: JSON.stringify of the row's object, csvLine of the row's cells.
import { describe, expect, it } from "vitest";
import { type CellValue, type ExportColumn, jsonValue, textValue } from "@/lib/export/columns";
import { csvLine } from "@/lib/export/csv";
import { csvWriter } from "@/lib/export/writers/csv-writer";
import { jsonArrayWriter, ndjsonWriter } from "@/lib/export/writers/json-writer";

type Row = CellValue[];
const VALUES: CellValue[] = [
  null,
  undefined,
  "",
  "VD26-0001_FRENTE.jpg",
  'vestido; "azul"\r\nlinha 2',
  '=HYPERLINK("x")',
  "-3",
  "\tcomeça com tab",
  "Coleção Verão ☀️👗 \u2028 \\ barra",
  0,
  -3,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  new Date("2026-12-03T14:05:00.123Z"),
];
const columns: ExportColumn<Row>[] = ["a", 'b "q"', "c;d", "é"].map((key, i) => ({
  key,
  header: key,
  value: (row) => row[i],
}));
// Every value in every column, in a few orders.
const rows: Row[] = VALUES.flatMap((_, i) =>
  [0, 3, 7].map((shift) => columns.map((__, c) => VALUES[(i + shift + c * 5) % VALUES.length])),
);

const objectOf = (row: Row) => Object.fromEntries(columns.map((c) => [c.key, jsonValue(c.value(row))]));

describe("text writers", () => {
  it("JSON array and NDJSON: the same text as JSON.stringify of each row's object", () => {
    const array = jsonArrayWriter(columns);
    const text = array.start() + array.rows(rows.slice(0, 10)) + array.rows(rows.slice(10)) + array.end();
    expect(text).toBe("[\n" + rows.map((r) => JSON.stringify(objectOf(r))).join(",\n") + "\n]\n");
    const nd = ndjsonWriter(columns);
    expect(nd.start() + nd.rows(rows) + nd.end()).toBe(rows.map((r) => JSON.stringify(objectOf(r)) + "\n").join(""));
  });

  it("CSV: the same text as csvLine of each row's cells, with either separator", () => {
    for (const separator of [";", ","] as const) {
      const writer = csvWriter(columns, separator);
      const expected = rows
        .map((r) =>
          csvLine(
            columns.map((c) => textValue(c.value(r))),
            separator,
          ),
        )
        .join("");
      expect(writer.rows(rows)).toBe(expected);
    }
  });
});

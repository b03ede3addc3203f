import * as XLSX from "@e965/xlsx";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { ExportColumn } from "@/lib/export/columns";
import { exportStream, keysetPages } from "@/lib/export/export-stream";
import type { ExportFormat } from "@/lib/export/formats";
import { columnLetters, XLSX_DATA_SHEET, XLSX_SUMMARY_SHEET } from "@/lib/export/writers/xlsx-writer";

type Row = { id: string; name: string; sku: string | null; bytes: number; ok: boolean; at: Date };

const columns: ExportColumn<Row>[] = [
  { key: "arquivo", header: "arquivo", value: (r) => r.name },
  { key: "sku", header: "sku", value: (r) => r.sku },
  { key: "bytes", header: "bytes", value: (r) => r.bytes },
  { key: "ok", header: "ok", value: (r) => r.ok },
  { key: "em", header: "em", value: (r) => r.at },
];

// Names a studio really sends, and the OWASP CSV-injection starts.
const NASTY = [
  '=HYPERLINK("http://127.0.0.1/x","clique")',
  "+5511999999999",
  "-2+3",
  "@SUM(A1)",
  "\tcomeça com tab",
  "\rcomeça com CR",
  'vestido; "azul"\nlinha 2',
  "Coleção Verão ☀️👗",
];

const at = new Date("2026-12-01T10:00:00.000Z");
const rows: Row[] = NASTY.map((name, i) => ({
  id: String(i).padStart(4, "0"),
  name,
  sku: i % 2 ? null : `VD25-${i}`,
  bytes: 1000 + i,
  ok: i % 3 === 0,
  at,
}));

/** The rows as pages of `size`, counting the pages fetched and whether the source was closed. */
function pagedSource(all: Row[], size: number) {
  const state = { fetched: 0, closed: false };
  const pages = (async function* () {
    try {
      yield* keysetPages(
        async (after, limit) => {
          state.fetched++;
          return all.filter((r) => after === null || r.id > after).slice(0, limit);
        },
        (r) => r.id,
        size,
      );
    } finally {
      state.closed = true;
    }
  })();
  return { pages, state };
}

async function bytesOf(format: ExportFormat, all: Row[] = rows, size = 3): Promise<Buffer> {
  const { pages } = pagedSource(all, size);
  const stream = exportStream({
    format,
    columns,
    pages,
    summary: async () => [
      { label: "Linhas", value: all.length },
      { label: "Gerado em", value: at },
    ],
  });
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** The workbook as SheetJS reads it (the parser the carteira import uses). */
function workbookOf(buffer: Buffer) {
  return XLSX.read(buffer, { type: "buffer", cellFormula: true, cellDates: false });
}

describe("exports in every format", () => {
  it("CSV: BOM, header, ; separator; formula-like text neutralised; ; quotes newlines and emoji round-trip", async () => {
    const text = (await bytesOf("csv")).toString("utf8");
    expect(text.startsWith("\uFEFFarquivo;sku;bytes;ok;em\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ";" }).data.filter((r) => r.length > 1);
    expect(parsed).toHaveLength(rows.length + 1);
    for (const [i, name] of NASTY.entries()) {
      const cell = parsed[i + 1]![0]!;
      expect(cell).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
    }
    expect(parsed[1]!.slice(1)).toEqual(["VD25-0", "1000", "sim", at.toISOString()]);
  });

  it("JSON (one array) and NDJSON (one object a line) keep the values typed and the text as is", async () => {
    const array = JSON.parse((await bytesOf("json")).toString("utf8")) as Record<string, unknown>[];
    expect(array).toHaveLength(rows.length);
    expect(array[0]).toEqual({ arquivo: NASTY[0], sku: "VD25-0", bytes: 1000, ok: true, em: at.toISOString() });
    expect(array.map((o) => o.arquivo)).toEqual(NASTY);
    const lines = (await bytesOf("ndjson")).toString("utf8").trimEnd().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { arquivo: string }).arquivo)).toEqual(NASTY);
  });

  it("XLSX: a header row, every text a string cell (never a formula), numbers and booleans typed, a Resumo sheet", async () => {
    const workbook = workbookOf(await bytesOf("xlsx"));
    expect(workbook.SheetNames).toEqual([XLSX_DATA_SHEET, XLSX_SUMMARY_SHEET]);
    const data = workbook.Sheets[XLSX_DATA_SHEET]!;
    const table = XLSX.utils.sheet_to_json<unknown[]>(data, { header: 1, defval: null });
    expect(table[0]).toEqual(["arquivo", "sku", "bytes", "ok", "em"]);
    expect(table).toHaveLength(rows.length + 1);
    for (const [i, name] of NASTY.entries()) {
      const cell = data[`A${i + 2}`] as XLSX.CellObject;
      expect(cell.t).toBe("s");
      expect(cell.f).toBeUndefined();
      // XML keeps tab, LF and CR (as a reference): the text is exactly what was sent.
      expect(cell.v).toBe(name);
    }
    expect(data["B3"]).toBeUndefined();
    expect(data["C2"]).toMatchObject({ t: "n", v: 1000 });
    expect(data["D2"]).toMatchObject({ t: "b", v: true });
    expect(data["E2"]).toMatchObject({ t: "s", v: at.toISOString() });
    const summary = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[XLSX_SUMMARY_SHEET]!, { header: 1 });
    expect(summary[0]).toEqual(["Linhas", rows.length]);
  });

  it("0 rows: a valid file with its headers in every format", async () => {
    expect((await bytesOf("csv", [])).toString("utf8")).toBe("\uFEFFarquivo;sku;bytes;ok;em\r\n");
    expect(JSON.parse((await bytesOf("json", [])).toString("utf8"))).toEqual([]);
    expect((await bytesOf("ndjson", [])).toString("utf8")).toBe("");
    const workbook = workbookOf(await bytesOf("xlsx", []));
    expect(XLSX.utils.sheet_to_json(workbook.Sheets[XLSX_DATA_SHEET]!, { header: 1 })).toEqual([
      ["arquivo", "sku", "bytes", "ok", "em"],
    ]);
  });

  it("reads a page only when the client pulls, and a client that goes away closes the source", async () => {
    for (const format of ["csv", "json", "ndjson", "xlsx"] as const) {
      const many = Array.from({ length: 20_000 }, (_, i) => ({ ...rows[0]!, id: String(i).padStart(6, "0") }));
      const { pages, state } = pagedSource(many, 100);
      const reader = exportStream({ format, columns, pages }).getReader();
      await reader.read();
      await reader.read();
      // The stream's buffers are bounded (in bytes): a couple of reads took some pages, far from the 200.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(state.fetched, format).toBeLessThan(100);
      await reader.cancel();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(state.closed, format).toBe(true);
      const fetched = state.fetched;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(state.fetched, format).toBe(fetched);
    }
  });

  it("names columns A…Z, AA… as spreadsheets do", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });
});

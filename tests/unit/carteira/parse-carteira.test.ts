import { describe, it, expect } from "vitest";
import {
  parseCarteiraFile,
  previewCarteiraFile,
  CarteiraParseError,
  type CarteiraParseResult,
} from "@/lib/carteira/parse";
import { bigCsv, utf8, utf16le, win1252, xlsx } from "@/tests/fixtures/carteira/build-fixtures";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CarteiraParseError) return err.code;
    throw err;
  }
  return undefined;
}

const csv = (text: string, filename = "carteira.csv") => parseCarteiraFile({ bytes: utf8(text), filename });
const first = (r: CarteiraParseResult) => r.sheets[0]!;

describe("parseCarteiraFile — encodings and delimiters", () => {
  const text = "REFERÊNCIA;DESCRIÇÃO;COLEÇÃO\r\nVD25-001;Vestido Três Marias;Verão\r\n";
  it.each([
    ["UTF-8 with BOM", utf8(text, true)],
    ["UTF-8 without BOM", utf8(text)],
    ["Windows-1252", win1252(text)],
    ["UTF-16 LE", utf16le(text)],
    ["comma-delimited", utf8(text.replaceAll(";", ","))],
    ["tab-delimited", utf8(text.replaceAll(";", "\t"))],
  ])("%s", (_label, bytes) => {
    const r = parseCarteiraFile({ bytes, filename: "c.csv" });
    expect(r.kind).toBe("csv");
    expect(first(r).headers).toEqual(["REFERÊNCIA", "DESCRIÇÃO", "COLEÇÃO"]);
    expect(first(r).rows).toEqual([
      {
        sheet: "c.csv",
        line: 2,
        fields: { sku: "VD25-001", nome_peca: "Vestido Três Marias", colecao: "Verão" },
        extras: {},
      },
    ]);
  });
});

describe("parseCarteiraFile — layout", () => {
  it("skips title and blank rows above the header; line numbers are file lines", () => {
    const r = csv(
      "CARTEIRA DE COMPRAS VERÃO 2025;;;\n;;;\nREF;NOME;GRUPO;SUBGRUPO\nA1;Vestido;VESTIDOS;MIDI\n\nA2;Saia;SAIAS;LÁPIS\n",
    );
    expect(first(r).headerRowNumber).toBe(3);
    expect(first(r).rows.map((x) => [x.line, x.fields.sku])).toEqual([
      [4, "A1"],
      [6, "A2"],
    ]);
    expect(first(r).errors).toEqual([]);
  });

  it("drops trailing empty columns and keeps unmapped columns as extras", () => {
    const r = csv("SKU;NOME;Observação;;;\nA1;Vestido;urgente;;;\nA2;Saia;;;;\n");
    expect(first(r).headers).toEqual(["SKU", "NOME", "Observação"]);
    expect(first(r).mapping).toEqual({ 0: "sku", 1: "nome_peca", 2: null });
    expect(first(r).rows.map((x) => x.extras)).toEqual([{ Observação: "urgente" }, {}]);
  });

  it("data past the last header gets a 'Coluna X' name instead of being lost", () => {
    const r = csv("SKU;NOME\nA1;Vestido;extra\n");
    expect(first(r).headers).toEqual(["SKU", "NOME", "Coluna C"]);
    expect(first(r).rows[0]!.extras).toEqual({ "Coluna C": "extra" });
  });

  it("maps every canonical synonym group", () => {
    const r = csv(
      "CÓDIGO DO PRODUTO;NOME DA PEÇA;CATEGORIA;SUB-GRUPO;TIPO DE PEÇA;NACIONAL/IMPORTADO;COL;GRIFE;COR PRINCIPAL;PREÇO;QTDE;FORNECEDOR;ESTILISTA;TAMANHO;GRADE;EAN\n" +
        "00123;Blusa;BLUSAS;MANGA CURTA;BLUSA;IMPORTADO;V25;Marca;Azul;1.234,56;1.200;Fornec;Ana;M;P-M-G;07891234567890\n",
    );
    expect(first(r).rows[0]!.fields).toEqual({
      sku: "00123",
      nome_peca: "Blusa",
      categoria: "BLUSAS",
      subcategoria: "MANGA CURTA",
      tipo_peca: "BLUSA",
      origem: "IMPORTADO",
      colecao: "V25",
      marca: "Marca",
      cor: "Azul",
      preco: 1234.56,
      quantidade: 1200,
      fornecedor: "Fornec",
      estilista: "Ana",
      tamanho: "M",
      grade: "P-M-G",
      ean: "07891234567890",
    });
  });

  it("decimal commas in numeric fields; invalid numbers are warnings, row kept", () => {
    const r = csv("SKU;PREÇO;CUSTO;QTD\nA1;R$ 1.234,56;99,9;10\nA2;consultar;;5\n");
    expect(first(r).rows.map((x) => x.fields)).toEqual([
      { sku: "A1", preco: 1234.56, custo: 99.9, quantidade: 10 },
      { sku: "A2", quantidade: 5 },
    ]);
    expect(first(r).errors).toEqual([
      expect.objectContaining({ line: 3, code: "INVALID_NUMBER", severity: "warning", column: "PREÇO" }),
    ]);
  });

  it("formula-like cells stay literal text", () => {
    const r = csv('SKU;NOME;OBS\n=1+1;@SUM(A1);-2+3\n+A1;=HYPERLINK("http://evil");=cmd\n');
    expect(first(r).rows.map((x) => [x.fields.sku, x.fields.nome_peca, x.extras.OBS])).toEqual([
      ["=1+1", "@SUM(A1)", "-2+3"],
      ["+A1", '=HYPERLINK("http://evil")', "=cmd"],
    ]);
  });

  it("rows without SKU → SKU_MISSING (blank rows skipped silently); repeated header rows ignored", () => {
    const r = csv("SKU;NOME\nA1;Vestido\n;Sem código\n;\nSKU;NOME\nA2;Saia\nTOTAL: 2;\n");
    expect(first(r).rows.map((x) => x.fields.sku)).toEqual(["A1", "A2", "TOTAL: 2"]);
    expect(first(r).errors).toEqual([
      {
        sheet: "carteira.csv",
        line: 3,
        code: "SKU_MISSING",
        message: expect.any(String),
        severity: "error",
        column: "SKU",
      },
    ]);
  });

  it("duplicates (case/space-insensitive) are reported with every line", () => {
    const r = csv("SKU;NOME\nVD-1;a\nvd-1 ;b\nVD-2;c\nVD-1;d\n");
    expect(r.duplicates).toEqual([
      {
        sku: "VD-1",
        occurrences: [
          { sheet: "carteira.csv", line: 2 },
          { sheet: "carteira.csv", line: 3 },
          { sheet: "carteira.csv", line: 5 },
        ],
      },
    ]);
    expect(first(r).rows).toHaveLength(4); // duplicates are reported, not dropped: the importer decides
  });

  it("mappingOverride by header text", () => {
    const r = parseCarteiraFile({
      bytes: utf8("Artigo X;NOME\nA1;Vestido\n"),
      filename: "c.csv",
      mappingOverride: { "Artigo X": "sku" },
    });
    expect(first(r).rows[0]!.fields).toEqual({ sku: "A1", nome_peca: "Vestido" });
  });
});

describe("parseCarteiraFile — whole-file errors", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  it.each([
    ["EMPTY_FILE", new Uint8Array(0), "c.csv"],
    ["EMPTY_FILE", utf8("\r\n;;;\r\n"), "c.csv"],
    ["NOT_A_SPREADSHEET", png, "c.csv"],
    ["NOT_A_SPREADSHEET", new Uint8Array(2048).map((_, i) => (i * 31 + 7) % 256), "c.xlsx"],
    ["NO_SKU_COLUMN", utf8("NOME;COR\nVestido;Azul\n"), "c.csv"],
    [
      "NO_SKU_COLUMN",
      xlsx({
        S: [
          ["NOME", "COR"],
          ["Vestido", "Azul"],
        ],
      }),
      "c.xlsx",
    ],
    ["TOO_MANY_COLUMNS", utf8(`SKU;${Array.from({ length: 600 }, (_, i) => `C${i}`).join(";")}\nA\n`), "c.csv"],
  ] as const)("%s (%#)", (code, bytes, filename) => {
    expect(codeOf(() => parseCarteiraFile({ bytes, filename }))).toBe(code);
  });

  it("TOO_MANY_ROWS for CSV", () => {
    const text = "SKU\n" + Array.from({ length: 20 }, (_, i) => `S${i}`).join("\n");
    expect(codeOf(() => parseCarteiraFile({ bytes: utf8(text), filename: "c.csv", limits: { maxRows: 10 } }))).toBe(
      "TOO_MANY_ROWS",
    );
  });

  it("errors carry pt-BR messages", () => {
    try {
      parseCarteiraFile({ bytes: utf8("NOME\nx\n"), filename: "c.csv" });
    } catch (err) {
      expect((err as Error).message).toMatch(/coluna de SKU/);
    }
  });
});

describe("previewCarteiraFile", () => {
  it("returns headers, mapping and the first N rows", () => {
    const text =
      "TÍTULO\n\nREF;DESCRIÇÃO;PREÇO\n" + Array.from({ length: 50 }, (_, i) => `R${i};Peça ${i};1,5`).join("\n");
    const p = previewCarteiraFile({ bytes: utf8(text), filename: "c.csv", maxRows: 5 });
    expect(p.missingSku).toBe(false);
    const s = p.sheets[0]!;
    expect(s.headerRowNumber).toBe(3);
    expect(s.mapping).toEqual({ 0: "sku", 1: "nome_peca", 2: "preco" });
    expect(s.rows).toHaveLength(5);
    expect(s.rows[0]).toEqual({ line: 4, cells: ["R0", "Peça 0", "1,5"] });
    expect(s.totalRows).toBe(50);
  });

  it("no SKU column: missingSku instead of throwing; the override then fixes it", () => {
    const bytes = utf8("Modelo;NOME\nA1;Vestido\n");
    const p = previewCarteiraFile({ bytes, filename: "c.csv" });
    expect(p.missingSku).toBe(true);
    expect(p.sheets[0]!.missingRequired).toEqual(["sku"]);
    expect(p.sheets[0]!.headers).toEqual(["Modelo", "NOME"]);
    expect(codeOf(() => parseCarteiraFile({ bytes, filename: "c.csv" }))).toBe("NO_SKU_COLUMN");
    expect(previewCarteiraFile({ bytes, filename: "c.csv", mappingOverride: { Modelo: "sku" } }).missingSku).toBe(
      false,
    );
  });

  it("XLSX: every sheet listed, only the top read", () => {
    const aoa: unknown[][] = [["SKU", "NOME"], ...Array.from({ length: 500 }, (_, i) => [`S${i}`, `n${i}`])];
    const bytes = xlsx({ A: aoa, B: [["CODIGO"], ["X1"]] });
    const p = previewCarteiraFile({ bytes, filename: "c.xlsx", maxRows: 3 });
    expect(p.availableSheets.map((s) => s.name)).toEqual(["A", "B"]);
    expect(p.sheets.map((s) => [s.name, s.rows.length, s.totalRows])).toEqual([
      ["A", 3, null],
      ["B", 1, 1],
    ]);
  });
});

describe("performance", () => {
  it("parses a 100k-row CSV quickly", () => {
    const bytes = utf8(bigCsv(100_000), true);
    const t0 = performance.now();
    const r = parseCarteiraFile({ bytes, filename: "big.csv" });
    const ms = performance.now() - t0;
    console.info(`[carteira] 100k-row CSV (${(bytes.length / 1e6).toFixed(1)} MB) parsed in ${ms.toFixed(0)} ms`);
    expect(first(r).rows).toHaveLength(100_000);
    expect(first(r).rows[99_999]!.line).toBe(100_003);
    expect(r.duplicates).toEqual([]);
    expect(ms).toBeLessThan(10_000); // generous for CI; the target (< 2 s) is reported above
  });
});

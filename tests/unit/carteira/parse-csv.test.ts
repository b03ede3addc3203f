import { describe, it, expect } from "vitest";
import { detectDelimiter, parseCsv } from "@/lib/carteira/parse";

describe("detectDelimiter", () => {
  it.each([
    ["semicolon", "SKU;NOME;PRECO\nA;Vestido;1.234,56\nB;Saia;99,90", ";"],
    ["comma", "SKU,NOME,PRECO\nA,Vestido,1234.56\nB,Saia,99.90", ","],
    ["tab", "SKU\tNOME\tPRECO\nA\tVestido\t10\nB\tSaia\t20", "\t"],
    ["semicolon with decimal commas in every row", "SKU;NOME;PRECO;CUSTO\nA;Vestido;10,50;5,25\nB;Saia;9,90;4,10", ";"],
    ["comma with quoted semicolons", 'SKU,NOME,OBS\nA,Vestido,"a;b"\nB,Saia,"c;d"', ","],
    ["title row above header", "CARTEIRA VERÃO\n\nSKU;NOME\nA;B\nC;D", ";"],
    ["ambiguous single column prefers ;", "SKU\nA\nB", ";"],
    ["ambiguous tie prefers ;", "A;B,C\nD;E,F", ";"],
  ] as const)("%s", (_label, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe("parseCsv", () => {
  it("handles quoted fields, escaped quotes, embedded newlines and CRLF", () => {
    const text = 'SKU;NOME;OBS\r\nA1;"Vestido; longo";"linha1\r\nlinha2"\r\nA2;"Saia ""lápis""";x\r\n';
    const { delimiter, rows } = parseCsv(text);
    expect(delimiter).toBe(";");
    expect(rows).toEqual([
      ["SKU", "NOME", "OBS"],
      ["A1", "Vestido; longo", "linha1\r\nlinha2"],
      ["A2", 'Saia "lápis"', "x"],
    ]);
  });

  it("keeps formula-looking cells and leading zeros as literal text", () => {
    const { rows } = parseCsv('SKU;NOME\n00123;=1+1\n@SUM(A1);+55 11\n-A;=HYPERLINK("http://x")');
    expect(rows.slice(1)).toEqual([
      ["00123", "=1+1"],
      ["@SUM(A1)", "+55 11"],
      ["-A", '=HYPERLINK("http://x")'],
    ]);
  });

  it("drops trailing blank records but keeps blank lines in between (line numbers stay true)", () => {
    const { rows } = parseCsv("SKU\n\nA\n\n\n");
    expect(rows).toEqual([["SKU"], [""], ["A"]]);
  });
});

import { describe, it, expect } from "vitest";
import {
  detectColumnMapping,
  matchHeader,
  normalizeCell,
  normalizeHeader,
  normalizeText,
  numberToPlainString,
  parseDecimal,
  skuKey,
} from "@/lib/carteira/parse";

describe("normalizeHeader", () => {
  it.each([
    ["REFERÊNCIA", "referencia"],
    ["  Código do Produto ", "codigo_do_produto"],
    ["REF. PRODUTO", "ref_produto"],
    ["Nacional/Importado", "nacional_importado"],
    ["Preço (R$)", "preco_r"],
    ["Nº", "n"],
    ["SUB-GRUPO", "sub_grupo"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe("matchHeader (synonyms)", () => {
  it.each([
    ["REFERÊNCIA", "sku"],
    ["Referencia", "sku"],
    ["REF", "sku"],
    ["Ref.", "sku"],
    ["CÓDIGO", "sku"],
    ["COD", "sku"],
    ["SKU", "sku"],
    ["CÓDIGO DO PRODUTO", "sku"],
    ["REF. PRODUTO", "sku"],
    ["Cód. Interno", "sku"],
    ["DESCRIÇÃO", "nome_peca"],
    ["DESCRICAO", "nome_peca"],
    ["NOME", "nome_peca"],
    ["NOME DA PEÇA", "nome_peca"],
    ["PRODUTO", "nome_peca"],
    ["GRUPO", "categoria"],
    ["CATEGORIA", "categoria"],
    ["SUBGRUPO", "subcategoria"],
    ["SUBCATEGORIA", "subcategoria"],
    ["SUB-GRUPO", "subcategoria"],
    ["TIPO", "tipo_peca"],
    ["TIPO DE PEÇA", "tipo_peca"],
    ["TIPO PEÇA", "tipo_peca"],
    ["ORIGEM", "origem"],
    ["NACIONAL/IMPORTADO", "origem"],
    ["COLEÇÃO", "colecao"],
    ["COLECAO", "colecao"],
    ["COL", "colecao"],
    ["MARCA", "marca"],
    ["GRIFE", "marca"],
    ["BRAND", "marca"],
    ["COR", "cor"],
    ["COR PRINCIPAL", "cor"],
    ["COLOR", "cor"],
    ["PREÇO", "preco"],
    ["PRECO", "preco"],
    ["VALOR", "preco"],
    ["Preço Venda (R$)", "preco"],
    ["QTD", "quantidade"],
    ["QUANTIDADE", "quantidade"],
    ["Qtde Pedida", "quantidade"],
    ["CUSTO", "custo"],
    ["Preço de Custo", "custo"],
    ["FORNECEDOR", "fornecedor"],
    ["ESTILISTA", "estilista"],
    ["TAMANHO", "tamanho"],
    ["GRADE", "grade"],
    ["EAN", "ean"],
    ["Código de Barras", "ean"],
    ["Cód. Fornecedor", null],
    ["Observações", null],
    ["", null],
  ] as const)("%s → %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });
});

describe("detectColumnMapping", () => {
  it("maps by index, first match wins, unmapped → null", () => {
    const r = detectColumnMapping(["REF", "DESCRIÇÃO", "COR", "COR PRINCIPAL", "OBS"]);
    expect(r.mapping).toEqual({ 0: "sku", 1: "nome_peca", 2: "cor", 3: null, 4: null });
    expect(r.missingRequired).toEqual([]);
  });

  it("an exact synonym beats an earlier pattern match", () => {
    const r = detectColumnMapping(["Cód. Interno", "REFERÊNCIA"]);
    expect(r.mapping).toEqual({ 0: null, 1: "sku" });
  });

  it("reports a missing SKU column", () => {
    expect(detectColumnMapping(["NOME", "COR"]).missingRequired).toEqual(["sku"]);
  });

  it("applies user overrides by header text (and frees the overridden field)", () => {
    const r = detectColumnMapping(["REF", "ARTIGO X", "NOME"], { "ARTIGO X": "sku", REF: null });
    expect(r.mapping).toEqual({ 0: null, 1: "sku", 2: "nome_peca" });
  });
});

describe("parseDecimal", () => {
  it.each([
    ["1.234,56", 1234.56],
    ["1234,56", 1234.56],
    ["12,5", 12.5],
    ["99,90", 99.9],
    ["1.234", 1234],
    ["1.234.567", 1234567],
    ["1.234.567,89", 1234567.89],
    ["1,234.56", 1234.56],
    ["12.50", 12.5],
    ["0.123", 0.123],
    ["R$ 1.234,56", 1234.56],
    ["-12,50", -12.5],
    ["(10,00)", -10],
    ["10", 10],
    [" 7 ", 7],
    [",5", 0.5],
    [1234.5, 1234.5],
    ["=1+1", null],
    ["10 un", null],
    ["abc", null],
    ["", null],
    ["1.23.4", null],
    ["-", null],
  ] as const)("%s → %s", (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });
});

describe("normalizeText / normalizeCell", () => {
  it.each([
    ["  Vestido   midi  ", "Vestido midi"],
    ["Cafe\u0301", "Café"], // NFD → NFC
    ["A\u00a0B", "A B"],
    ["  Coleção Verão  ", "Coleção Verão"], // Latin letters are already NFC: only trimmed
    ["Ação\u00a0 Ç", "Ação Ç"], // NBSP next to Latin letters still folds
    ["Ação\u0301", "Açãó"], // a combining mark after Latin letters still composes
    ["Tab\there", "Tab here"],
    ["Zero\u200bwidth", "Zero width"],
    ["00123", "00123"],
    ["=SOMA(A1:A3)", "=SOMA(A1:A3)"],
    ["+5511", "+5511"],
    ["-ABC", "-ABC"],
    ["@cmd", "@cmd"],
    ['="00123"', "00123"], // Excel/ERP leading-zero idiom: string constant unwrapped, not evaluated
    [7891234567890, "7891234567890"],
    [0.1 + 0.2, "0.3"],
  ] as const)("%s → %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("numeric fields become numbers, text fields stay text", () => {
    expect(normalizeCell("1.234,56", true)).toEqual({ value: 1234.56, invalid: false });
    expect(normalizeCell("1.234,56", false)).toEqual({ value: "1.234,56", invalid: false });
    expect(normalizeCell("00123", false)).toEqual({ value: "00123", invalid: false });
    expect(normalizeCell("=1+1", true)).toEqual({ value: null, invalid: true });
    expect(normalizeCell("  ", true)).toEqual({ value: null, invalid: false });
  });

  it("numberToPlainString never uses exponents", () => {
    expect(numberToPlainString(1e20)).toBe("100000000000000000000");
    expect(numberToPlainString(12.5)).toBe("12.5");
  });

  it("skuKey ignores case and outer/duplicated whitespace", () => {
    expect(skuKey(" vd24-0123 ")).toBe(skuKey("VD24-0123"));
    expect(skuKey("00123")).not.toBe(skuKey("123"));
  });
});

import { normalizeHeader } from "./normalize-header";
import type { CanonicalField } from "./types";

/**
 * Header synonyms per canonical field, written as people type them (normalised at load).
 * Exact matches only; the patterns below catch the long tail.
 */
export const COLUMN_SYNONYMS: Record<CanonicalField, string[]> = {
  sku: [
    "SKU",
    "REFERÊNCIA",
    "REFERENCIA",
    "REF",
    "REF.",
    "REFERENCIA PRODUTO",
    "REF. PRODUTO",
    "REF PRODUTO",
    "REFERÊNCIA DO PRODUTO",
    "CÓDIGO",
    "CODIGO",
    "COD",
    "COD.",
    "CÓD",
    "CÓD.",
    "CÓDIGO DO PRODUTO",
    "CODIGO PRODUTO",
    "CÓD. PRODUTO",
    "COD PRODUTO",
    "CODPRODUTO",
    "CÓDIGO REFERÊNCIA",
    "CÓDIGO SKU",
    "CÓDIGO ITEM",
    "COD ITEM",
    "ARTIGO",
    "PRODUTO ID",
    "ID PRODUTO",
    "PRODUCT CODE",
    "PRODUCT ID",
    "STYLE",
    "STYLE CODE",
    "REFERENCE",
    "NÚMERO DA REFERÊNCIA",
  ],
  nome_peca: [
    "DESCRIÇÃO",
    "DESCRICAO",
    "DESC",
    "DESC.",
    "NOME",
    "NOME DA PEÇA",
    "NOME PEÇA",
    "NOME DA PECA",
    "NOME_PECA",
    "PEÇA",
    "PECA",
    "PRODUTO",
    "NOME DO PRODUTO",
    "NOME PRODUTO",
    "DESCRIÇÃO DO PRODUTO",
    "DESCRIÇÃO PRODUTO",
    "DESCRIÇÃO DA PEÇA",
    "DESCRIÇÃO REFERÊNCIA",
    "DESCRIÇÃO ITEM",
    "DESCRICAO ITEM",
    "PRODUCT NAME",
    "NAME",
    "DESCRIPTION",
  ],
  categoria: [
    "CATEGORIA",
    "GRUPO",
    "GRUPO DE PRODUTO",
    "GRUPO PRODUTO",
    "CATEGORIA PRODUTO",
    "CATEGORY",
    "DEPARTAMENTO",
    "FAMÍLIA",
    "FAMILIA",
  ],
  subcategoria: [
    "SUBCATEGORIA",
    "SUB CATEGORIA",
    "SUB-CATEGORIA",
    "SUBGRUPO",
    "SUB GRUPO",
    "SUB-GRUPO",
    "SUBCATEGORY",
    "SUBFAMÍLIA",
    "SUBFAMILIA",
  ],
  tipo_peca: [
    "TIPO",
    "TIPO DE PEÇA",
    "TIPO PEÇA",
    "TIPO DA PEÇA",
    "TIPO_PECA",
    "TIPO PRODUTO",
    "TIPO DE PRODUTO",
    "PRODUCT TYPE",
    "TYPE",
  ],
  origem: [
    "ORIGEM",
    "NACIONAL/IMPORTADO",
    "NACIONAL / IMPORTADO",
    "NAC/IMP",
    "NACIONAL IMPORTADO",
    "PROCEDÊNCIA",
    "PROCEDENCIA",
    "ORIGIN",
  ],
  colecao: [
    "COLEÇÃO",
    "COLECAO",
    "COL",
    "COL.",
    "NOME DA COLEÇÃO",
    "COLEÇÃO/ESTAÇÃO",
    "ESTAÇÃO",
    "ESTACAO",
    "COLLECTION",
    "SEASON",
  ],
  marca: ["MARCA", "GRIFE", "BRAND", "LABEL", "NOME DA MARCA"],
  cor: ["COR", "COR PRINCIPAL", "CORES", "NOME DA COR", "DESCRIÇÃO COR", "DESC COR", "COLOR", "COLOUR"],
  tamanho: ["TAMANHO", "TAM", "TAM.", "SIZE", "NUMERAÇÃO", "NUMERACAO"],
  grade: ["GRADE", "GRADE DE TAMANHOS", "GRADE TAMANHOS", "SIZE RUN"],
  preco: [
    "PREÇO",
    "PRECO",
    "VALOR",
    "PREÇO VENDA",
    "PREÇO DE VENDA",
    "PRECO VENDA",
    "PRECO DE VENDA",
    "VALOR VENDA",
    "VALOR DE VENDA",
    "PREÇO UNITÁRIO",
    "PRECO UNITARIO",
    "VALOR UNITÁRIO",
    "VALOR UNITARIO",
    "VL UNIT",
    "VLR UNIT",
    "PV",
    "PRICE",
    "PREÇO (R$)",
    "VALOR (R$)",
    "PREÇO R$",
  ],
  custo: [
    "CUSTO",
    "PREÇO DE CUSTO",
    "PRECO DE CUSTO",
    "PREÇO CUSTO",
    "VALOR CUSTO",
    "CUSTO UNITÁRIO",
    "CUSTO UNITARIO",
    "COST",
  ],
  quantidade: [
    "QTD",
    "QTD.",
    "QTDE",
    "QTDE.",
    "QUANTIDADE",
    "QUANT",
    "QUANT.",
    "QTD PEDIDA",
    "QTDE PEDIDA",
    "QUANTIDADE PEDIDA",
    "QTD TOTAL",
    "TOTAL PEÇAS",
    "PEÇAS",
    "QTY",
    "QUANTITY",
  ],
  fornecedor: [
    "FORNECEDOR",
    "NOME FORNECEDOR",
    "NOME DO FORNECEDOR",
    "FABRICANTE",
    "CONFECCIONISTA",
    "FACÇÃO",
    "FACCAO",
    "SUPPLIER",
    "VENDOR",
  ],
  estilista: ["ESTILISTA", "DESIGNER", "STYLIST", "CRIAÇÃO", "CRIACAO", "RESPONSÁVEL CRIAÇÃO"],
  ean: [
    "EAN",
    "EAN13",
    "EAN 13",
    "EAN-13",
    "GTIN",
    "CÓDIGO DE BARRAS",
    "CODIGO DE BARRAS",
    "COD BARRAS",
    "CÓD. BARRAS",
    "CODIGO BARRAS",
    "BARCODE",
  ],
  genero: ["GÊNERO", "GENERO", "SEXO", "GENDER", "PÚBLICO", "PUBLICO"],
};

/**
 * Fallback rules on the normalised header, in order (first hit wins). `null` = known non-field
 * (e.g. "cod_fornecedor" must not become the SKU).
 */
const PATTERNS: [RegExp, CanonicalField | null][] = [
  [
    /^(cod|codigo|ref|referencia)_(do_|da_)?(fornecedor|forn|fabricante|barras|cor|tamanho|marca|colecao|grupo|categoria)/,
    null,
  ],
  [/(^|_)(ean|gtin)(_|$)|codigo_de_barras|cod_barras/, "ean"],
  [/^(sub_?grupo|sub_?categoria|sub_?familia)(_|$)/, "subcategoria"],
  [/^(cod|codigo|ref|referencia|sku)(_|$)/, "sku"],
  [/^(descricao|desc|nome)(_|$)(?!.*(cor|marca|fornecedor|colecao|grupo|categoria))/, "nome_peca"],
  [/^(preco|valor|vlr|vl)(_|$)(?!.*custo)/, "preco"],
  [/^(custo)(_|$)|preco_(de_)?custo/, "custo"],
  [/^(qtd|qtde|quant|quantidade)(_|$)/, "quantidade"],
  [/^(grupo|categoria)(_|$)/, "categoria"],
  [/^tipo(_|$)/, "tipo_peca"],
  [/^(cor|cores)(_|$)/, "cor"],
  [/^(colecao|col)(_|$)/, "colecao"],
  [/^(marca|grife)(_|$)/, "marca"],
  [/^(tamanho|tam)(_|$)/, "tamanho"],
  [/^fornecedor(_|$)/, "fornecedor"],
];

const SYNONYM_INDEX: Map<string, CanonicalField> = (() => {
  const m = new Map<string, CanonicalField>();
  for (const [field, list] of Object.entries(COLUMN_SYNONYMS) as [CanonicalField, string[]][]) {
    m.set(normalizeHeader(field), field);
    for (const s of list) {
      const key = normalizeHeader(s);
      if (key && !m.has(key)) m.set(key, field);
    }
  }
  return m;
})();

export interface HeaderMatch {
  field: CanonicalField | null;
  /** "exact": a listed synonym; "pattern": a fallback rule (weaker, loses to exact matches). */
  strength: "exact" | "pattern" | "none";
}

/** Canonical field a header text most likely means. */
export function matchHeaderDetailed(header: string): HeaderMatch {
  const key = normalizeHeader(header);
  if (!key) return { field: null, strength: "none" };
  const exact = SYNONYM_INDEX.get(key);
  if (exact) return { field: exact, strength: "exact" };
  for (const [re, field] of PATTERNS) if (re.test(key)) return { field, strength: field ? "pattern" : "none" };
  return { field: null, strength: "none" };
}

export function matchHeader(header: string): CanonicalField | null {
  return matchHeaderDetailed(header).field;
}

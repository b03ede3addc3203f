import { describe, expect, it } from "vitest";
import { findDivergences } from "@/lib/ai/matching/divergence";
import { foldColor, foldGarment, normalizeText } from "@/lib/ai/matching/normalize";
import { rankSuggestions, type CandidateProduct } from "@/lib/ai/matching/suggest-products";
import type { VisionReply } from "@/lib/ai/vision-schema";

function reply(fields: Partial<VisionReply> = {}): VisionReply {
  return {
    descricao: null,
    tags: [],
    cor: null,
    cores_secundarias: [],
    material: null,
    tipo_peca: null,
    estilo: null,
    confianca: { descricao: null, tags: null, cor: null, material: null, tipo_peca: null, estilo: null },
    pecas: [],
    ...fields,
  };
}
const piece = (tipo_peca: string | null, cor: string | null) => ({
  tipo_peca,
  cor,
  material: null,
  descricao: null,
  confianca: null,
  bbox: null,
});

describe("normalisation", () => {
  it("folds case, accents, punctuation, plural and gender", () => {
    expect(normalizeText("  Off-White / Lilás ")).toBe("OFF WHITE LILAS");
    expect(foldColor("vermelhas").words).toEqual(["VERMELHO"]);
    expect(foldColor("Azuis").words).toEqual(["AZUL"]);
    expect(foldColor("MARRONS").words).toEqual(["MARROM"]);
    expect(foldColor("Preta").words).toEqual(["PRETO"]);
    expect(foldGarment("Calças").words).toEqual(["CALCA"]);
    expect(foldGarment("T-Shirt").words).toEqual(["T SHIRT"]);
    expect([...foldGarment("T-Shirt").families]).toEqual(["TOP"]);
  });
});

describe("findDivergences", () => {
  const carteira = (cor: string | null, tipoPeca: string | null = null) => ({ cor, tipoPeca });

  it("flags a clear colour and type contradiction", () => {
    expect(findDivergences(reply({ cor: "VERMELHO", tipo_peca: "VESTIDO" }), carteira("AZUL", "CALÇA"))).toEqual([
      "cor",
      "tipo_peca",
    ]);
  });

  it("is not divergent across accents, case, gender, plural and the synonym table", () => {
    const same: [string, string][] = [
      ["vermelha", "VERMELHO"],
      ["Lilás", "LILAS"],
      ["MARINHO", "AZUL MARINHO"],
      ["AZUL", "azul marinho"],
      ["navy", "Azul"],
      ["PINK", "ROSA"],
      ["OFF WHITE", "BRANCO"],
      ["VERDE MILITAR", "verde"],
      ["PRETA", "PRETO"],
      ["AZUL/BRANCO", "BRANCO"],
      ["VINHO", "BORDÔ"],
    ];
    for (const [ai, theirs] of same)
      expect(findDivergences(reply({ cor: ai }), carteira(theirs)), `${ai} ~ ${theirs}`).toEqual([]);
    const types: [string, string][] = [
      ["CAMISETA", "T-SHIRT"],
      ["Calças", "CALÇA"],
      ["blusa", "REGATA"],
      ["JAQUETA", "Blazer"],
      ["Short", "BERMUDAS"],
    ];
    for (const [ai, theirs] of types)
      expect(findDivergences(reply({ tipo_peca: ai }), carteira(null, theirs)), `${ai} ~ ${theirs}`).toEqual([]);
  });

  it("needs both sides, and words the tables know", () => {
    expect(findDivergences(reply({ cor: "VERMELHO" }), null)).toEqual([]);
    expect(findDivergences(reply({ cor: "VERMELHO" }), carteira(null))).toEqual([]);
    expect(findDivergences(reply({ cor: "VERMELHO" }), carteira("  "))).toEqual([]);
    expect(findDivergences(reply({ cor: null }), carteira("AZUL"))).toEqual([]);
    expect(findDivergences(reply({ cor: "VERMELHO" }), carteira("ESTAMPADO"))).toEqual([]);
    expect(findDivergences(reply({ cor: "Floral" }), carteira("AZUL"))).toEqual([]);
    expect(findDivergences(reply({ tipo_peca: "Conjunto" }), carteira(null, "CALÇA"))).toEqual([]);
  });

  it("agrees when a secondary colour or one of the pieces agrees", () => {
    expect(findDivergences(reply({ cor: "BRANCO", cores_secundarias: ["AZUL"] }), carteira("AZUL"))).toEqual([]);
    const twoPieces = reply({
      cor: "BRANCO",
      tipo_peca: "BLUSA",
      pecas: [piece("BLUSA", "BRANCO"), piece("SAIA", "VERDE")],
    });
    expect(findDivergences(twoPieces, carteira("VERDE", "SAIA"))).toEqual([]);
    expect(findDivergences(twoPieces, carteira("AMARELO", "VESTIDO"))).toEqual(["cor", "tipo_peca"]);
  });
});

describe("rankSuggestions", () => {
  const product = (sku: string, fields: Partial<CandidateProduct> = {}): CandidateProduct => ({
    id: `id-${sku}`,
    sku,
    nomePeca: null,
    categoria: null,
    subcategoria: null,
    tipoPeca: null,
    cor: null,
    photoCount: 0,
    ...fields,
  });
  const ai = reply({ tipo_peca: "Vestido", cor: "Vermelho", descricao: "Vestido midi vermelho de alças com babado" });

  it("orders by agreement of type, colour and description words", () => {
    const ranked = rankSuggestions(ai, [
      product("A-TYPE-FAMILY", { tipoPeca: "DRESS", cor: "BORDÔ" }),
      product("B-EXACT", { tipoPeca: "VESTIDO", cor: "VERMELHO", nomePeca: "Vestido Midi Babado" }),
      product("C-TYPE-COLOR", { tipoPeca: "VESTIDOS", cor: "VERMELHA" }),
      product("D-OTHER", { tipoPeca: "CALÇA", cor: "AZUL", nomePeca: "Calça reta" }),
      product("E-COLOR-ONLY", { cor: "VERMELHO" }),
    ]);
    expect(ranked.map((r) => r.sku)).toEqual(["B-EXACT", "C-TYPE-COLOR", "A-TYPE-FAMILY"]);
    expect(ranked[0]).toMatchObject({ score: 1, reasons: ["tipo_peca", "cor", "descricao"] });
    expect(ranked[1]!.reasons).toEqual(["tipo_peca", "cor"]);
    expect(ranked[1]!.score).toBeGreaterThan(ranked[2]!.score);
  });

  it("puts products still without photos first, keeps at most five, and needs the threshold", () => {
    const many = [
      product("WITH-PHOTOS", { tipoPeca: "VESTIDO", cor: "VERMELHO", nomePeca: "Vestido midi babado", photoCount: 3 }),
      ...["N1", "N2", "N3", "N4", "N5", "N6"].map((sku) => product(sku, { tipoPeca: "VESTIDO", cor: "VINHO" })),
    ];
    const ranked = rankSuggestions(ai, many);
    expect(ranked).toHaveLength(5);
    expect(ranked.map((r) => r.sku)).toEqual(["N1", "N2", "N3", "N4", "N5"]);
    expect(rankSuggestions(ai, many.slice(0, 2)).map((r) => r.sku)).toEqual(["N1", "WITH-PHOTOS"]);
    // Colour alone (a local analysis) proposes nothing.
    expect(
      rankSuggestions(reply({ cor: "VERMELHO" }), [product("X", { cor: "VERMELHO", tipoPeca: "VESTIDO" })]),
    ).toEqual([]);
  });
});

describe("the aiDivergence filter in the catalog URL", () => {
  it("is read as a boolean, round-trips and drops a malformed value", async () => {
    const { catalogFilterRecord, parseCatalogFilters } = await import("@/lib/catalog/catalog-filters");
    const { imageFilterSchema } = await import("@/lib/images/schemas");
    const filters = parseCatalogFilters(new URLSearchParams("aiDivergence=true&status=PENDENTE"));
    expect(filters).toEqual({ aiDivergence: true, status: "PENDENTE" });
    expect(catalogFilterRecord(filters)).toEqual({ status: "PENDENTE", aiDivergence: "true" });
    expect(parseCatalogFilters(new URLSearchParams("aiDivergence=false")).aiDivergence).toBe(false);
    expect(parseCatalogFilters(new URLSearchParams("aiDivergence=sim"))).toEqual({});
    expect(imageFilterSchema.safeParse({ aiDivergence: "1" }).success).toBe(false);
  });
});

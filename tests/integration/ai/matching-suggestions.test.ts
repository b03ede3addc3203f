// The AI matching layer against the real database: the carteira vocabulary for the prompt, the
// "sugestão IA" rows and their place among a photo's candidates, and the aiDivergence catalog filter.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as candidatesRoute } from "@/app/api/v1/images/[id]/candidates/route";
import { GET as facetsRoute } from "@/app/api/v1/images/facets/route";
import { GET as listImagesRoute } from "@/app/api/v1/images/route";
import { clearVocabularyCache, collectionVocabulary } from "@/lib/ai/matching/vocabulary";
import { suggestProductsForImage } from "@/lib/ai/matching/suggest-products";
import type { VisionReply } from "@/lib/ai/vision-schema";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getPrisma } from "@/lib/db/client";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { imageCandidatesSchema } from "@/lib/reconciliation/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, seedImage, seedProduct, seedScope, type Scope } from "../catalog/seed";

function reply(fields: Partial<VisionReply>): VisionReply {
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

const redDress = reply({ tipo_peca: "Vestido", cor: "Vermelho", descricao: "Vestido midi vermelho com babado" });

beforeEach(async () => {
  await truncateAllTables();
  clearVocabularyCache();
  clearSkuIndexCache();
});

describe("collectionVocabulary", () => {
  it("lists the collection's distinct non-empty values, most frequent first; null → every collection", async () => {
    const alfa = await seedScope("Marca Alfa", "Verão 26");
    const beta = await seedScope("Marca Beta", "Inverno 26");
    const rows: [string, Scope, string | null, string | null, string | null][] = [
      ["A1", alfa, "VESTIDO", "Vestidos", "AZUL"],
      ["A2", alfa, "VESTIDO", "Vestidos", "VERMELHO"],
      ["A3", alfa, " VESTIDO ", "Vestidos", "AZUL"],
      ["A4", alfa, "SAIA", null, "AZUL"],
      ["A5", alfa, "", "  ", null],
      ["B1", beta, "CASACO", "Casacos", "PRETO"],
      ["B2", beta, "CASACO", "Casacos", "PRETO"],
      ["B3", beta, "CASACO", "Casacos", "PRETO"],
      ["B4", beta, "CASACO", "Casacos", "PRETO"],
    ];
    for (const [sku, scope, tipoPeca, categoria, cor] of rows)
      await seedProduct(sku, scope, { tipoPeca, categoria, cor });

    expect(await collectionVocabulary(alfa.collection.id)).toEqual({
      tipoPeca: ["VESTIDO", "SAIA"],
      categoria: ["Vestidos"],
      cor: ["AZUL", "VERMELHO"],
    });
    expect(await collectionVocabulary(null)).toEqual({
      tipoPeca: ["CASACO", "VESTIDO", "SAIA"],
      categoria: ["Casacos", "Vestidos"],
      cor: ["PRETO", "AZUL", "VERMELHO"],
    });

    // Cached briefly: a new value shows once the cache is cleared.
    await seedProduct("A6", alfa, { tipoPeca: "BLUSA" });
    expect((await collectionVocabulary(alfa.collection.id)).tipoPeca).toEqual(["VESTIDO", "SAIA"]);
    clearVocabularyCache();
    expect((await collectionVocabulary(alfa.collection.id)).tipoPeca).toEqual(["VESTIDO", "BLUSA", "SAIA"]);
  });
});

describe("suggestProductsForImage and the candidates", () => {
  it("replaces the photo's rows with the best SKUs, products without photos first, and never links", async () => {
    const alfa = await seedScope("Marca Alfa", "Verão 26");
    const other = await seedScope("Marca Gama", "Inverno 26");
    const withPhoto = await seedProduct("VD26-0001", alfa, {
      nomePeca: "Vestido midi babado",
      tipoPeca: "VESTIDO",
      cor: "VERMELHO",
    });
    const noPhoto = await seedProduct("VD26-0002", alfa, {
      nomePeca: "Vestido curto",
      tipoPeca: "VESTIDOS",
      cor: "VINHO",
    });
    const pants = await seedProduct("VD26-0003", alfa, { nomePeca: "Calça reta", tipoPeca: "CALÇA", cor: "AZUL" });
    const elsewhere = await seedProduct("IN26-0001", other, { tipoPeca: "VESTIDO", cor: "VERMELHO" });
    // A READY photo linked in its collection: VD26-0001 has a photo (ProductPhotoCount, kept by triggers).
    await seedImage("VD26-0001_01.jpg", alfa, {
      productId: withPhoto.id,
      matchStatus: "MATCHED",
      skuBase: "VD26-0001",
    });
    const count = await getPrisma().productPhotoCount.findUnique({ where: { productId: withPhoto.id } });
    expect(count?.n).toBe(1);

    const photo = await seedImage("IMG_4411.jpg", alfa, { matchStatus: "UNMATCHED" });
    // A stale suggestion from an earlier analysis is replaced.
    await getPrisma().imageAiSuggestion.create({
      data: { imageId: photo.id, productId: pants.id, score: 0.9, reasons: ["cor"] },
    });

    const n = await getPrisma().$transaction((tx) =>
      suggestProductsForImage(tx, { id: photo.id, collectionId: alfa.collection.id, brandId: alfa.brand.id }, redDress),
    );
    expect(n).toBe(2);
    const rows = await getPrisma().imageAiSuggestion.findMany({
      where: { imageId: photo.id },
      include: { product: { select: { sku: true } } },
      orderBy: { score: "desc" },
    });
    expect(rows.map((r) => r.product.sku).sort()).toEqual(["VD26-0001", "VD26-0002"]);
    expect(rows.find((r) => r.productId === withPhoto.id)).toMatchObject({
      score: 1,
      reasons: ["tipo_peca", "cor", "descricao"],
    });
    // "Vestido curto": the type folded (VESTIDOS), the colour by family (VINHO ~ VERMELHO), half of the name.
    expect(rows.find((r) => r.productId === noPhoto.id)).toMatchObject({
      score: 0.795,
      reasons: ["tipo_peca", "cor", "descricao"],
    });
    expect(rows.some((r) => r.productId === elsewhere.id || r.productId === pants.id)).toBe(false);
    const after = await getPrisma().image.findUniqueOrThrow({ where: { id: photo.id } });
    expect(after).toMatchObject({ productId: null, matchStatus: "UNMATCHED" });

    // The candidates: both as "sugestão IA" (the photo's name has no SKU, so they are the only ones), in
    // score order, an AI-only proposal scaled below the filename evidence (× 0.6).
    const { candidates } = await getImageCandidates(photo.id);
    expect(candidates.map((c) => [c.sku, c.reasons])).toEqual([
      ["VD26-0001", ["ai_suggestion"]],
      ["VD26-0002", ["ai_suggestion"]],
    ]);
    expect(candidates[0]!.score).toBeCloseTo(0.6, 5);

    // A photo with nothing to propose (colour only): its rows are emptied.
    const none = await getPrisma().$transaction((tx) =>
      suggestProductsForImage(
        tx,
        { id: photo.id, collectionId: alfa.collection.id, brandId: null },
        reply({ cor: "VERMELHO" }),
      ),
    );
    expect(none).toBe(0);
    expect(await getPrisma().imageAiSuggestion.count({ where: { imageId: photo.id } })).toBe(0);
  });

  it("keeps at most five, without photos first", async () => {
    const alfa = await seedScope("Marca Alfa", "Verão 26");
    const best = await seedProduct("VD26-0100", alfa, {
      nomePeca: "Vestido midi babado",
      tipoPeca: "VESTIDO",
      cor: "VERMELHO",
    });
    await seedImage("VD26-0100_01.jpg", alfa, { productId: best.id, matchStatus: "MATCHED", skuBase: "VD26-0100" });
    for (let i = 1; i <= 6; i++) await seedProduct(`VD26-020${i}`, alfa, { tipoPeca: "VESTIDO", cor: "VINHO" });
    const photo = await seedImage("IMG_1.jpg", alfa, { matchStatus: "UNMATCHED" });
    const n = await getPrisma().$transaction((tx) =>
      suggestProductsForImage(tx, { id: photo.id, collectionId: alfa.collection.id, brandId: alfa.brand.id }, redDress),
    );
    expect(n).toBe(5);
    const skus = (
      await getPrisma().imageAiSuggestion.findMany({ where: { imageId: photo.id }, include: { product: true } })
    ).map((r) => r.product.sku);
    expect(skus.sort()).toEqual(["VD26-0201", "VD26-0202", "VD26-0203", "VD26-0204", "VD26-0205"]);
  });

  it("marks a SKU the name ranking found too, and lists suggestions through the candidates endpoint", async () => {
    const auth = await apiTokenFor("VIEWER");
    const alfa = await seedScope("Marca Alfa", "Verão 26");
    const product = await seedProduct("VD26-0500", alfa, {
      nomePeca: "Vestido midi",
      tipoPeca: "VESTIDO",
      cor: "VERMELHO",
    });
    await seedProduct("VD26-0501", alfa, { tipoPeca: "CALÇA" });
    const photo = await seedImage("VD26-0500_FRENTE.jpg", alfa, { matchStatus: "AMBIGUOUS", skuBase: "VD26-0500" });
    await getPrisma().$transaction((tx) =>
      suggestProductsForImage(tx, { id: photo.id, collectionId: alfa.collection.id, brandId: alfa.brand.id }, redDress),
    );
    const res = await candidatesRoute(
      getRequest(auth, `/api/v1/images/${photo.id}/candidates`),
      params({ id: photo.id }),
    );
    const body = imageCandidatesSchema.parse(await res.json());
    expect(res.status).toBe(200);
    const top = body.candidates[0]!;
    expect(top.productId).toBe(product.id);
    expect(top.reasons).toEqual(expect.arrayContaining(["exact_prefix", "ai_suggestion"]));
    expect(top.score).toBeGreaterThanOrEqual(0.8);
    expect(body.candidates.find((c) => c.sku === "VD26-0501")?.reasons ?? []).not.toContain("ai_suggestion");

    // With a search: only the searched SKUs are listed, the proposal marks them.
    const searched = await getImageCandidates(photo.id, { q: "VD26-05" });
    expect(searched.candidates.find((c) => c.sku === "VD26-0500")?.reasons).toContain("ai_suggestion");
    const unrelated = await getImageCandidates(photo.id, { q: "VD26-0501" });
    expect(unrelated.candidates.map((c) => c.sku)).toEqual(["VD26-0501"]);
  });
});

describe("the aiDivergence catalog filter", () => {
  it("lists the photos with a possível divergência, or the others, in the list and the facets", async () => {
    const auth = await apiTokenFor("VIEWER");
    const alfa = await seedScope("Marca Alfa", "Verão 26");
    await seedImage("divergente-cor.jpg", alfa, { aiDivergences: ["cor"] });
    await seedImage("divergente-ambos.jpg", alfa, { aiDivergences: ["cor", "tipo_peca"] });
    await seedImage("sem-divergencia.jpg", alfa, {});
    await seedImage("analisada-ok.jpg", alfa, { aiDivergences: [], aiAnalyzedAt: new Date() });

    const names = async (query: string) => {
      const res = await listImagesRoute(getRequest(auth, `/api/v1/images?${query}`), params({}));
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return (body.items as { originalName: string }[]).map((i) => i.originalName).sort();
    };
    expect(await names("aiDivergence=true")).toEqual(["divergente-ambos.jpg", "divergente-cor.jpg"]);
    expect(await names("aiDivergence=false")).toEqual(["analisada-ok.jpg", "sem-divergencia.jpg"]);
    expect(await names(`aiDivergence=true&q=ambos`)).toEqual(["divergente-ambos.jpg"]);

    const bad = await listImagesRoute(getRequest(auth, `/api/v1/images?aiDivergence=sim`), params({}));
    expect(bad.status).toBe(400);

    const facets = await facetsRoute(getRequest(auth, `/api/v1/images/facets?aiDivergence=true`), params({}));
    const body = await facets.json();
    expect(facets.status, JSON.stringify(body)).toBe(200);
    expect(body.total).toBe(2);
  });
});

// GET /api/v1/images/facets: counts per value, each dimension leaving its own filter out; the sampled path.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as facetsRoute } from "@/app/api/v1/images/facets/route";
import { getImageFacets } from "@/lib/images/image-facets";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, seedImage, seedProduct, seedScope, type Auth, type Scope } from "./seed";

let auth: Auth;
let alfa: Scope;
let beta: Scope;

type Facets = {
  total: number;
  isEstimate: boolean;
  facets: Record<string, { value: string; count: number; label?: string }[]>;
};

async function facets(query: string): Promise<Facets> {
  const res = await facetsRoute(getRequest(auth, `/api/v1/images/facets?${query}`), params({}));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

const countsOf = (rows: { value: string; count: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.value, r.count]));

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("VIEWER");
  alfa = await seedScope("Marca Alfa", "Verão 26");
  beta = await seedScope("Marca Beta", "Inverno 26");
  const product = await seedProduct("VD26-0001", alfa, { nomePeca: "Calça Jeans" });
  await seedImage("VD26-0001_01.jpg", alfa, { status: "APROVADO", matchStatus: "MATCHED", productId: product.id });
  await seedImage("VD26-0001_02.jpg", alfa, { status: "APROVADO", matchStatus: "MATCHED", productId: product.id });
  await seedImage("VD26-0003_01.jpg", alfa, { status: "REJEITADO", matchStatus: "UNMATCHED" });
  await seedImage("SEM-SKU.jpg", alfa, { status: "PENDENTE_ANALISE_IA", matchStatus: "NO_SKU" });
  await seedImage("INV-0001_01.jpg", beta, { matchStatus: "UNMATCHED", aiError: "timeout" });
  await seedImage("INV-0002_01.jpg", beta, { matchStatus: "UNMATCHED", processingStatus: "FAILED" });
});

describe("catalog facets", () => {
  it("counts every photo per value, with every value of the enum dimensions and the names of brands and collections", async () => {
    const answer = await facets("");
    expect(answer.total).toBe(6);
    expect(answer.isEstimate).toBe(false);
    expect(answer.facets.status!.map((r) => r.value)).toEqual([
      "PENDENTE",
      "APROVADO",
      "REJEITADO",
      "PENDENTE_ANALISE_IA",
    ]);
    expect(countsOf(answer.facets.status!)).toEqual({ PENDENTE: 2, APROVADO: 2, REJEITADO: 1, PENDENTE_ANALISE_IA: 1 });
    expect(countsOf(answer.facets.matchStatus!)).toEqual({ MATCHED: 2, UNMATCHED: 3, NO_SKU: 1 });
    expect(countsOf(answer.facets.processingStatus!)).toEqual({ READY: 5, FAILED: 1 });
    expect(countsOf(answer.facets.aiStatus!)).toEqual({ NONE: 4, QUEUED: 1, FAILED: 1 });
    expect(answer.facets.brandId).toEqual([
      { value: alfa.brand.id, label: "Marca Alfa", count: 4 },
      { value: beta.brand.id, label: "Marca Beta", count: 2 },
    ]);
    expect(answer.facets.collectionId!.map((r) => [r.label, r.count])).toEqual([
      ["Verão 26", 4],
      ["Inverno 26", 2],
    ]);
  });

  it("leaves each dimension's own filter out of its counts and applies the others", async () => {
    const answer = await facets(`status=APROVADO&collectionId=${alfa.collection.id}`);
    expect(answer.total).toBe(2);
    // The status facet ignores status=APROVADO (still within the collection).
    expect(countsOf(answer.facets.status!)).toEqual({ APROVADO: 2, REJEITADO: 1, PENDENTE_ANALISE_IA: 1 });
    // The match facet applies both filters.
    expect(countsOf(answer.facets.matchStatus!)).toEqual({ MATCHED: 2 });
    // The collection facet ignores the collection filter (still APROVADO only).
    expect(answer.facets.collectionId!.map((r) => [r.label, r.count])).toEqual([["Verão 26", 2]]);
    const ai = await facets(`aiStatus=FAILED`);
    expect(ai.total).toBe(1);
    expect(countsOf(ai.facets.aiStatus!)).toEqual({ NONE: 4, QUEUED: 1, FAILED: 1 });
    expect(countsOf(ai.facets.matchStatus!)).toEqual({ UNMATCHED: 1 });
  });

  it("counts a search with its fuzzy words", async () => {
    const answer = await facets(`q=${encodeURIComponent("calça jeanz")}`);
    expect(answer.total).toBe(2);
    expect(countsOf(answer.facets.status!)).toEqual({ APROVADO: 2 });
  });

  it("above the exact-count threshold, counts on a sample and says so", async () => {
    // counters: false: a filter of facet dimensions alone is otherwise read from the counters.
    const estimated = await getImageFacets({ brandId: alfa.brand.id }, { exactThreshold: 0, counters: false });
    expect(estimated.isEstimate).toBe(true);
    // The test table is smaller than the sample, so the sample is the whole table.
    expect(estimated.total).toBe(4);
    expect(countsOf(estimated.facets.status)).toEqual({ APROVADO: 2, REJEITADO: 1, PENDENTE_ANALISE_IA: 1 });
  });

  it("answers a filter of facet dimensions alone from the counters, equal to counting the photos", async () => {
    const filters = [
      {},
      { collectionId: alfa.collection.id },
      { brandId: beta.brand.id },
      { status: "APROVADO" as const, collectionId: alfa.collection.id },
      { aiStatus: "FAILED" as const },
      { matchStatus: "MATCHED" as const, processingStatus: "READY" as const },
    ];
    for (const filter of filters) {
      const fromCounters = await getImageFacets(filter);
      expect(fromCounters.isEstimate).toBe(false);
      expect(fromCounters).toEqual(await getImageFacets(filter, { counters: false }));
    }
  });

  it.each(["status=NOPE", "limit=10", "cursor=abc", "q=" + "x".repeat(10_000), "hasProduct=1"])(
    "%s → 400 VALIDATION_FAILED",
    async (query) => {
      const res = await facetsRoute(getRequest(auth, `/api/v1/images/facets?${query}`), params({}));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe("VALIDATION_FAILED");
    },
  );
});

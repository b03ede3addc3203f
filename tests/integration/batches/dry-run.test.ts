import { beforeEach, describe, expect, it } from "vitest";
import { POST as dryRun } from "@/app/api/v1/batches/[id]/dry-run/route";
import { dryRunResultSchema, type DryRunResult } from "@/lib/batches/dry-run/schemas";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getPrisma } from "@/lib/db/client";
import { computeCarteiraMatch } from "@/lib/images/match-image-to-carteira";
import { normalizeSkuKey } from "@/lib/sku";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { scopeOf, seedCollection, seedImage, seedProduct } from "../reconciliation/seed";

const SKUS = 5000;
const sku = (n: number) => `VD24-${String(n).padStart(4, "0")}`;
const SHA = "ab".repeat(32);

async function seed() {
  const scope = await seedCollection("Verão dry run");
  const { brand, collection } = scope;
  await getPrisma().product.createMany({
    data: Array.from({ length: SKUS }, (_, i) => ({
      sku: sku(i + 1),
      skuKey: normalizeSkuKey(sku(i + 1)),
      brandId: brand.id,
      collectionId: collection.id,
    })),
  });
  // Two SKUs one name fits equally well (`ab12_01` reads as either).
  await seedProduct("AB-12", { brandId: brand.id, collectionId: collection.id });
  await seedProduct("AB12", { brandId: brand.id, collectionId: collection.id });
  // VD24-0001 already has a processed photo: it is no "SKU sem foto".
  const first = await getPrisma().product.findUniqueOrThrow({ where: { sku: sku(1) } });
  await seedImage("VD24-0001_FRENTE.jpg", scopeOf(scope), { productId: first.id, matchStatus: "MATCHED" });
  // In the bank, unlinked: by name + size (1000 bytes, seedImage's size), and by its sha256.
  await seedImage("VD24-0002_FRENTE.jpg", scopeOf(scope), { matchStatus: "UNMATCHED" });
  const bySha = await seedImage("outra-foto.jpg", scopeOf(scope), { matchStatus: "UNMATCHED" });
  await getPrisma().image.update({ where: { id: bySha.id }, data: { sha256: SHA } });
  return { ...scope, shaImageId: bySha.id };
}

async function call(batchId: string, body: unknown, role: "EDITOR" | "VIEWER" = "EDITOR") {
  const auth = await apiTokenFor(role);
  return dryRun(
    new Request(`http://localhost/api/v1/batches/${batchId}/dry-run`, {
      method: "POST",
      headers: { ...auth.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id: batchId }) },
  );
}

async function ok(batchId: string, body: unknown): Promise<DryRunResult> {
  const response = await call(batchId, body);
  expect(response.status).toBe(200);
  return dryRunResultSchema.parse(await response.json());
}

beforeEach(async () => {
  await truncateAllTables();
  clearSkuIndexCache();
});

describe("POST /api/v1/batches/{id}/dry-run", () => {
  it("gives each name its outcome through the ingestion matcher, the totals and the SKUs still without photo", async () => {
    const { batch, brand, collection, shaImageId } = await seed();
    const names = [
      { name: "VERAO/VD24-0003_FRENTE.jpg", size: 5000 },
      { name: "VERAO/VD24-0004/01.jpg", size: 5000 },
      { name: "ab12_01.jpg", size: 5000 },
      { name: "IMG_4567.jpg", size: 5000 },
      { name: "VERAO/VD24-0002_FRENTE.jpg", size: 1000 },
      { name: "VD24-0005_COSTAS.jpg", size: 1, sha256: SHA.toUpperCase() },
      "vd24-0006 (2).jpg",
    ];
    const result = await ok(batch.id, { names });
    expect(result.results.map((r) => [r.name, r.outcome, r.sku])).toEqual([
      ["VERAO/VD24-0003_FRENTE.jpg", "linked", "VD24-0003"],
      ["VERAO/VD24-0004/01.jpg", "linked", "VD24-0004"],
      ["ab12_01.jpg", "ambiguous", null],
      ["IMG_4567.jpg", "unknown", null],
      ["VERAO/VD24-0002_FRENTE.jpg", "in_bank", "VD24-0002"],
      ["VD24-0005_COSTAS.jpg", "in_bank", "VD24-0005"],
      ["vd24-0006 (2).jpg", "linked", "VD24-0006"],
    ]);
    expect(result.results[2]!.candidates).toEqual(["AB-12", "AB12"]);
    expect(result.results[4]!.inBankBy).toBe("name_size");
    expect(result.results[5]).toMatchObject({ inBankBy: "sha256", existingImageId: shaImageId });
    expect(result.totals).toEqual({ names: 7, linked: 3, ambiguous: 1, unknown: 1, inBank: 2 });
    // 5,002 SKUs, VD24-0001 has a photo; the linked VD24-0003, 0004 and 0006 would get one.
    expect(result.withoutPhoto.before).toBe(SKUS + 2 - 1);
    expect(result.withoutPhoto.remaining).toBe(SKUS + 2 - 1 - 3);
    expect(result.withoutPhoto.first.slice(0, 5)).toEqual(["AB-12", "AB12", "VD24-0002", "VD24-0005", "VD24-0007"]);
    expect(result.withoutPhoto.first).toHaveLength(50);

    // The same names through ingestion's own entry point (a stored photo) give the same links.
    for (const item of result.results.filter((r) => r.outcome !== "in_bank")) {
      const path = item.name;
      const match = await computeCarteiraMatch({
        id: "x",
        originalName: path.split("/").pop()!,
        relativePath: path,
        collectionId: collection.id,
        brandId: brand.id,
        matchStatus: "PENDING",
        productId: null,
      });
      const expected = { MATCHED: "linked", AMBIGUOUS: "ambiguous", UNMATCHED: "unknown" }[match.matchStatus as string];
      expect([item.name, item.outcome]).toEqual([item.name, expected]);
    }
    // It writes nothing.
    expect(await getPrisma().image.count()).toBe(3);
  });

  it("counts the SKUs the earlier chunks covered, and a batch without a collection links nothing", async () => {
    const { batch } = await seed();
    const result = await ok(batch.id, { names: ["VD24-0010.jpg"], coveredSkus: [sku(2), sku(3), "NOT-A-SKU"] });
    expect(result.withoutPhoto.remaining).toBe(SKUS + 2 - 1 - 3);
    expect(result.withoutPhoto.first).not.toContain(sku(2));

    const loose = await getPrisma().batch.create({ data: { name: "Sem coleção" } });
    const none = await ok(loose.id, { names: ["VD24-0010.jpg"] });
    expect(none.results[0]!.outcome).toBe("unknown");
    expect(none.withoutPhoto).toEqual({ before: 0, remaining: 0, first: [] });
  });

  it("refuses more than 5,000 names with a stable code, a VIEWER, a bad body and an unknown batch", async () => {
    const { batch } = await seed();
    const tooMany = await call(batch.id, { names: Array.from({ length: 5001 }, (_, i) => `x${i}.jpg`) });
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ error: "DRY_RUN_TOO_MANY_NAMES", details: { max: 5000 } });

    expect((await call(batch.id, { names: ["a.jpg"] }, "VIEWER")).status).toBe(403);
    const bad = await call(batch.id, { names: [{ name: "a.jpg", sha256: "zz" }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("VALIDATION_FAILED");
    expect((await call(batch.id, { names: [] })).status).toBe(400);
    expect((await call("019a0000-0000-7000-8000-000000000000", { names: ["a.jpg"] })).status).toBe(404);
  });

  it("answers 20,000 names in chunks of 5,000 (time printed, not asserted)", async () => {
    const { batch } = await seed();
    const names = Array.from({ length: 20_000 }, (_, i) => ({
      name: `VERAO25/${i % 3 === 0 ? `IMG_${i}` : `${sku((i % SKUS) + 1)}_${String(i).padStart(5, "0")}`}.jpg`,
      size: 10_000 + i,
    }));
    const totals = { linked: 0, unknown: 0, ambiguous: 0, inBank: 0 };
    let covered: string[] = [];
    let last: DryRunResult | null = null;
    const started = performance.now();
    for (let i = 0; i < names.length; i += 5000) {
      last = await ok(batch.id, { names: names.slice(i, i + 5000), coveredSkus: covered });
      covered = [...new Set([...covered, ...last.results.flatMap((r) => (r.outcome === "linked" ? [r.sku!] : []))])];
      for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += last.totals[key];
    }
    const ms = performance.now() - started;
    console.log(
      `dry run: 20,000 names in 4 chunks of 5,000 → ${ms.toFixed(0)} ms (${(20_000 / (ms / 1000)).toFixed(0)} names/s)`,
    );
    expect(totals).toEqual({ linked: 13_333, unknown: 6_667, ambiguous: 0, inBank: 0 });
    // Every VD24 SKU but 0001 (already with a photo) is covered by some name; AB-12 and AB12 remain.
    expect(last!.withoutPhoto).toMatchObject({ remaining: 2, first: ["AB-12", "AB12"] });
  });
});

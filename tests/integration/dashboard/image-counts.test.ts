import { beforeEach, describe, expect, it } from "vitest";
import { getDashboardCounts } from "@/lib/dashboard/get-dashboard-counts";
import { getPrisma } from "@/lib/db/client";
import { getCoverage } from "@/lib/reports/coverage";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedCollection, seedImage, seedProduct } from "../reconciliation/seed";

beforeEach(async () => {
  await truncateAllTables();
});

/** The trigger-kept counters next to a fresh count of the same rows. */
async function countersAndFreshCounts() {
  const prisma = getPrisma();
  const [counters, fresh, photoCounters, freshPhotos] = await Promise.all([
    prisma.$queryRaw<{ key: string; n: number }[]>`
      SELECT concat_ws('/', "processingStatus", "status", "matchStatus") AS key, sum(n)::int AS n
      FROM "ImageCount" GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`,
    prisma.$queryRaw<{ key: string; n: number }[]>`
      SELECT concat_ws('/', "processingStatus", "status", "matchStatus") AS key, count(*)::int AS n
      FROM "Image" GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<{ productId: string; collectionId: string | null; n: number }[]>`
      SELECT "productId"::text AS "productId", "collectionId"::text AS "collectionId", n
      FROM "ProductPhotoCount" WHERE n <> 0 ORDER BY 1`,
    prisma.$queryRaw<{ productId: string; collectionId: string | null; n: number }[]>`
      SELECT p.id::text AS "productId", p."collectionId"::text AS "collectionId", count(*)::int AS n
      FROM "Product" p JOIN "Image" i
        ON i."productId" = p.id AND i."collectionId" = p."collectionId" AND i."processingStatus" = 'READY'
      GROUP BY 1, 2 ORDER BY 1`,
  ]);
  // Coverage per collection from its counters next to the same rule counted over the products.
  const [coverage, freshCoverage] = await Promise.all([
    prisma.$queryRaw<{ collectionId: string; total: number; withPhoto: number }[]>`
      SELECT "collectionId"::text AS "collectionId", sum(total)::int AS total, sum("withPhoto")::int AS "withPhoto"
      FROM "CollectionCoverageCount" cc WHERE EXISTS (SELECT 1 FROM "Collection" c WHERE c.id = cc."collectionId")
      GROUP BY 1 HAVING sum(total) <> 0 OR sum("withPhoto") <> 0 ORDER BY 1`,
    prisma.$queryRaw<{ collectionId: string; total: number; withPhoto: number }[]>`
      SELECT p."collectionId"::text AS "collectionId", count(*)::int AS total,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Image" i WHERE i."productId" = p.id
          AND i."collectionId" = p."collectionId" AND i."processingStatus" = 'READY'))::int AS "withPhoto"
      FROM "Product" p WHERE p."collectionId" IS NOT NULL GROUP BY 1 ORDER BY 1`,
  ]);
  return { counters, fresh, photoCounters, freshPhotos, coverage, freshCoverage };
}

async function expectCountersFresh() {
  const { counters, fresh, photoCounters, freshPhotos, coverage, freshCoverage } = await countersAndFreshCounts();
  expect(counters).toEqual(fresh);
  expect(photoCounters).toEqual(freshPhotos);
  expect(coverage).toEqual(freshCoverage);
}

describe("image counters kept by triggers", () => {
  it("equal a fresh count after a mix of inserts, updates, deletes, product moves and concurrent writers", async () => {
    const prisma = getPrisma();
    const verao = await seedCollection("Verão");
    const inverno = await seedCollection("Inverno");
    const products = await Promise.all(
      Array.from({ length: 6 }, (_, i) => seedProduct(`CNT-${i}`, productScope(i % 2 ? inverno : verao))),
    );
    // Photos in both collections, linked to products of either (only same-collection ones cover).
    for (let i = 0; i < 40; i++) {
      await seedImage(`foto-${i}.jpg`, scopeOf(i % 3 ? verao : inverno), {
        productId: i % 5 === 4 ? null : products[i % products.length]!.id,
        matchStatus: i % 5 === 4 ? "UNMATCHED" : "MATCHED",
        processingStatus: i % 7 === 0 ? "FAILED" : i % 11 === 0 ? "QUEUED" : "READY",
      });
    }
    await expectCountersFresh();

    // Bulk updates of status, match and processing, in one statement each.
    await prisma.image.updateMany({ where: { collectionId: verao.collection.id }, data: { status: "APROVADO" } });
    await prisma.image.updateMany({ where: { processingStatus: "QUEUED" }, data: { processingStatus: "READY" } });
    await prisma.image.updateMany({
      where: { productId: products[0]!.id },
      data: { productId: null, matchStatus: "UNMATCHED" },
    });
    await prisma.image.updateMany({
      where: { matchStatus: "UNMATCHED" },
      data: { productId: products[1]!.id, matchStatus: "MANUAL" },
    });
    await expectCountersFresh();

    // A product moves collection (its photos in the other collection now cover it); one is deleted
    // (its photos are unlinked by ON DELETE SET NULL); photos are deleted one by one and by batch cascade.
    await prisma.product.update({ where: { id: products[2]!.id }, data: { collectionId: inverno.collection.id } });
    await prisma.product.update({ where: { id: products[3]!.id }, data: { collectionId: null } });
    await prisma.product.delete({ where: { id: products[4]!.id } });
    const [first] = await prisma.image.findMany({ take: 1, orderBy: { id: "asc" } });
    await prisma.image.delete({ where: { id: first!.id } });
    await expectCountersFresh();

    // Concurrent writers on the same rows and products, each in its own transaction.
    const ids = (await prisma.image.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((i) => i.id);
    await Promise.all([
      ...ids
        .slice(0, 20)
        .map((id, i) =>
          prisma.image.update({ where: { id }, data: { status: i % 2 ? "REJEITADO" : "PENDENTE_ANALISE_IA" } }),
        ),
      prisma.$transaction(async (tx) => {
        await tx.image.updateMany({ where: { id: { in: ids.slice(10, 30) } }, data: { processingStatus: "FAILED" } });
        await tx.product.update({ where: { id: products[5]!.id }, data: { collectionId: verao.collection.id } });
      }),
      prisma.product.update({ where: { id: products[1]!.id }, data: { collectionId: inverno.collection.id } }),
      seedImage("nova.jpg", scopeOf(inverno), { productId: products[1]!.id, matchStatus: "MATCHED" }),
    ]);
    await expectCountersFresh();

    await prisma.batch.delete({ where: { id: inverno.batch.id } });
    await expectCountersFresh();
  });

  it("give the dashboard and coverage the same answers as counting the rows", async () => {
    const prisma = getPrisma();
    const scope = await seedCollection("Resort");
    const product = await seedProduct("CNT-R1", productScope(scope));
    await seedProduct("CNT-R2", productScope(scope));
    await seedImage("a.jpg", scopeOf(scope), { productId: product.id, matchStatus: "MATCHED", status: "APROVADO" });
    await seedImage("b.jpg", scopeOf(scope), { matchStatus: "AMBIGUOUS" });
    await seedImage("c.jpg", scopeOf(scope), { processingStatus: "FAILED" });
    expect(await getDashboardCounts()).toMatchObject({
      images: 2,
      imagesApproved: 1,
      imagesPending: 1,
      imagesUnmatched: 1,
      imagesFailed: 1,
    });
    expect(await getCoverage()).toMatchObject([{ totalSkus: 2, skusWithPhoto: 1, skusWithoutPhoto: 1, percent: 50 }]);

    await prisma.image.updateMany({ where: { productId: product.id }, data: { processingStatus: "FAILED" } });
    expect(await getCoverage()).toMatchObject([{ totalSkus: 2, skusWithPhoto: 0 }]);
    expect(await getDashboardCounts()).toMatchObject({ images: 1, imagesApproved: 0, imagesFailed: 2 });
  });
});

import "server-only";
import { getPrisma, Prisma } from "@/lib/db/client";

/**
 * "Com foto" for product `p`: a photo linked to it in its own collection that processed
 * successfully. A failed (undecodable) photo may still be linked by its filename, so a person
 * sees it on the product page, but it is no photo of the SKU. Shared by coverage and "SKUs sem foto".
 */
export const hasProcessedPhoto = Prisma.sql`EXISTS (
  SELECT 1 FROM "Image" i WHERE i."productId" = p.id AND i."collectionId" = p."collectionId" AND i."processingStatus" = 'READY'
)`;

export type CoverageRow = {
  collectionId: string;
  collectionName: string;
  brandId: string;
  brandName: string;
  totalSkus: number;
  skusWithPhoto: number;
  skusWithoutPhoto: number;
  percent: number;
};

export type CoverageFilter = { brandId?: string; collectionId?: string };

/**
 * Photo coverage per collection: SKUs with at least one processed photo linked *in that same
 * collection* (`hasProcessedPhoto`) over all SKUs of the collection. A photo of the SKU uploaded
 * into another collection's batch does not count, nor does one whose processing failed or has not
 * run. Both sides read CollectionCoverageCount (a few rows per collection), which triggers on
 * "Product" and "ProductPhotoCount" keep (collection_coverage_counts migration); ProductPhotoCount
 * is itself kept equal to that rule by the triggers on "Image" and "Product" (image_counts).
 */
export async function getCoverage(filter: CoverageFilter = {}): Promise<CoverageRow[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.brandId) conditions.push(Prisma.sql`c."brandId" = ${filter.brandId}::uuid`);
  if (filter.collectionId) conditions.push(Prisma.sql`c.id = ${filter.collectionId}::uuid`);
  const rows = await getPrisma().$queryRaw<
    {
      collectionId: string;
      collectionName: string;
      brandId: string;
      brandName: string;
      total: bigint;
      withPhoto: bigint;
    }[]
  >`
    SELECT c.id::text AS "collectionId", c.name AS "collectionName", b.id::text AS "brandId", b.name AS "brandName",
           sum(cc.total) AS total, sum(cc."withPhoto") AS "withPhoto"
    FROM "Collection" c
    JOIN "Brand" b ON b.id = c."brandId"
    JOIN "CollectionCoverageCount" cc ON cc."collectionId" = c.id
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY c.id, b.id
    HAVING sum(cc.total) > 0
    ORDER BY b.name, c.name, c.id`;
  return rows.map((r) => {
    const total = Number(r.total);
    const withPhoto = Number(r.withPhoto);
    return {
      collectionId: r.collectionId,
      collectionName: r.collectionName,
      brandId: r.brandId,
      brandName: r.brandName,
      totalSkus: total,
      skusWithPhoto: withPhoto,
      skusWithoutPhoto: total - withPhoto,
      percent: coveragePercent(withPhoto, total),
    };
  });
}

/** Whole percent, floored so 99.9 % never shows as 100 % while a SKU is still missing. */
export function coveragePercent(withPhoto: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((withPhoto / total) * 100);
}

export function summarizeCoverage(rows: CoverageRow[]) {
  const totalSkus = rows.reduce((s, r) => s + r.totalSkus, 0);
  const skusWithPhoto = rows.reduce((s, r) => s + r.skusWithPhoto, 0);
  return {
    totalSkus,
    skusWithPhoto,
    skusWithoutPhoto: totalSkus - skusWithPhoto,
    percent: coveragePercent(skusWithPhoto, totalSkus),
  };
}

import "server-only";
import { getPrisma, Prisma } from "@/lib/db/client";
import { AI_STATUS_SQL } from "@/lib/images/ai-status";
import { imageFilterConditions, whereOf } from "@/lib/images/image-filters";
import { type CombinationRow, dayWindow, fillDays, shapeCombinations } from "./metrics-shape";
import type { Metrics, MetricsFilter } from "./schemas";

/** The failure reasons listed (a batch has a handful; the rest would be noise). */
const FAILURE_REASONS_LIMIT = 50;

type RawCombination = Omit<CombinationRow, "n"> & { n: bigint };

/**
 * The photos under the filter as a FROM clause over alias `i`, with its WHERE body. A batch's photos
 * are walked from its uploads ("BatchUpload_batchId_imageId_idx", index-only, each photo once) to the
 * primary key: as `i.id IN (…)` the planner hashed the uploads and scanned the whole "Image" table
 * (172 ms for a 2,500-photo batch at 200,000 photos).
 */
function photosOf(filter: MetricsFilter): { from: Prisma.Sql; where: Prisma.Sql } {
  const where = whereOf(imageFilterConditions(filter, { withoutBatch: true }));
  if (!filter.batchId) return { from: Prisma.sql`"Image" i`, where };
  return {
    from: Prisma.sql`(SELECT DISTINCT u."imageId" FROM "BatchUpload" u WHERE u."batchId" = ${filter.batchId}::uuid) b
      JOIN "Image" i ON i."id" = b."imageId"`,
    where,
  };
}

/**
 * The photos per combination of (brand, collection, workflow, match, processing, AI status).
 * Without a batch or a date range the ImageFacetCount counters answer (kept by the statement
 * triggers of the image_facet_counts migration: a few thousand rows whatever the photo count).
 * With one, a single GROUP BY over the matching photos (photosOf): a batch's through its uploads
 * and the primary key, a date range through "Image_createdAt_idx".
 */
async function combinations(filter: MetricsFilter): Promise<CombinationRow[]> {
  const db = getPrisma();
  let rows: RawCombination[];
  if (!filter.batchId && !filter.from && !filter.to) {
    const conditions: Prisma.Sql[] = [];
    if (filter.brandId) conditions.push(Prisma.sql`"brandId" = ${filter.brandId}::uuid`);
    if (filter.collectionId) conditions.push(Prisma.sql`"collectionId" = ${filter.collectionId}::uuid`);
    rows = await db.$queryRaw<RawCombination[]>`
      SELECT "brandId"::text AS "brandId", "collectionId"::text AS "collectionId", "status"::text AS status,
             "matchStatus"::text AS "matchStatus", "processingStatus"::text AS "processingStatus",
             "aiStatus", sum("n")::bigint AS n
      FROM "ImageFacetCount" WHERE ${whereOf(conditions)}
      GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum("n") <> 0`;
  } else {
    const { from, where } = photosOf(filter);
    rows = await db.$queryRaw<RawCombination[]>`
      SELECT i."brandId"::text AS "brandId", i."collectionId"::text AS "collectionId", i."status"::text AS status,
             i."matchStatus"::text AS "matchStatus", i."processingStatus"::text AS "processingStatus",
             ${Prisma.raw(AI_STATUS_SQL)} AS "aiStatus", count(*)::bigint AS n
      FROM ${from} WHERE ${where}
      GROUP BY 1, 2, 3, 4, 5, 6`;
  }
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/**
 * Photos received per day (UTC) in the window. The range is on "createdAt", so the planner walks
 * "Image_createdAt_idx" over the window (or the batch's uploads when a batch is chosen, fewer rows).
 */
async function photosPerDay(filter: MetricsFilter, window: { from: string; to: string }) {
  const { from, where } = photosOf({ ...filter, from: window.from, to: window.to });
  const rows = await getPrisma().$queryRaw<{ day: string; count: bigint }[]>`
    SELECT to_char(i."createdAt", 'YYYY-MM-DD') AS day, count(*)::bigint AS count
    FROM ${from} WHERE ${where}
    GROUP BY 1`;
  return fillDays(
    window,
    rows.map((r) => ({ day: r.day, count: Number(r.count) })),
  );
}

/**
 * Failed photos by reason (their stored error code). "Image_processingStatus_batchId_idx" holds the
 * FAILED photos together (and a batch's within them), so only the failures' rows are read.
 */
async function failureReasons(filter: MetricsFilter) {
  const { from, where } = photosOf(filter);
  const rows = await getPrisma().$queryRaw<{ code: string | null; count: bigint }[]>`
    SELECT i."processingErrorCode" AS code, count(*)::bigint AS count
    FROM ${from} WHERE i."processingStatus" = 'FAILED' AND ${where}
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${FAILURE_REASONS_LIMIT}`;
  return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
}

async function namesOf(rows: readonly CombinationRow[]) {
  const brandIds = [...new Set(rows.flatMap((r) => (r.brandId ? [r.brandId] : [])))];
  const collectionIds = [...new Set(rows.flatMap((r) => (r.collectionId ? [r.collectionId] : [])))];
  const [brands, collections] = await Promise.all([
    getPrisma().brand.findMany({ where: { id: { in: brandIds } }, select: { id: true, name: true } }),
    getPrisma().collection.findMany({
      where: { id: { in: collectionIds } },
      select: { id: true, name: true, brand: { select: { name: true } } },
    }),
  ]);
  return {
    brands: new Map(brands.map((b) => [b.id, b.name])),
    collections: new Map(collections.map((c) => [c.id, { name: c.name, brandName: c.brand.name }])),
  };
}

/**
 * Relatórios → Métricas: the photos under the filters (brand, collection, batch — the photos it
 * received —, days received) by workflow, match, processing and AI status, per brand and per
 * collection, per day, and the failures by reason. Three set-based queries in parallel; none
 * returns more rows than combinations, days or reasons.
 */
export async function getMetrics(filter: MetricsFilter, now = new Date()): Promise<Metrics> {
  const window = dayWindow(filter, now);
  const [rows, days, failures] = await Promise.all([
    combinations(filter),
    photosPerDay(filter, window),
    failureReasons(filter),
  ]);
  const shaped = shapeCombinations(rows, await namesOf(rows));
  return {
    ...shaped,
    filters: {
      brandId: filter.brandId ?? null,
      collectionId: filter.collectionId ?? null,
      batchId: filter.batchId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    },
    days: { ...window, items: days },
    failures,
  };
}

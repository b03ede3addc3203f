import "server-only";
import type { z } from "zod";
import { getPrisma, Prisma } from "@/lib/db/client";
import { AI_STATUS_SQL } from "./ai-status";
import { imageFilterConditions, runFiltered, whereOf, type FacetDimension } from "./image-filters";
import {
  AI_STATUSES,
  IMAGE_STATUSES,
  MATCH_STATUSES,
  PROCESSING_STATUSES,
  type ImageFilter,
  type imageFacetsSchema,
} from "./schemas";

type ImageFacets = z.infer<typeof imageFacetsSchema>;

/** Above this many matching photos (the planner's estimate) the counts are taken on a sample. */
export const EXACT_FACETS_THRESHOLD = 200_000;
/** About how many rows the sample reads. */
const SAMPLE_ROWS = 100_000;
const NAMED_FACET_LIMIT = 200;

const DIMENSION_SQL: Record<FacetDimension, string> = {
  status: `i."status"::text`,
  matchStatus: `i."matchStatus"::text`,
  processingStatus: `i."processingStatus"::text`,
  aiStatus: AI_STATUS_SQL,
  brandId: `i."brandId"::text`,
  collectionId: `i."collectionId"::text`,
};

const ENUM_VALUES = {
  status: IMAGE_STATUSES,
  matchStatus: MATCH_STATUSES,
  processingStatus: PROCESSING_STATUSES,
  aiStatus: AI_STATUSES,
} as const;

/**
 * Counts per value of each catalog dimension for the filters; each dimension's counts leave its own
 * filter out (picking "Aprovado" still shows how many are "Rejeitado"). One GROUP BY per dimension,
 * run in parallel. When the planner expects more than `exactThreshold` matching rows, every count
 * is read from a block sample of the table (TABLESAMPLE SYSTEM, about SAMPLE_ROWS rows) and scaled,
 * with `isEstimate: true`: a sample costs the same at one million photos as at ten million.
 */
export async function getImageFacets(
  filter: ImageFilter,
  options: { exactThreshold?: number } = {},
): Promise<ImageFacets> {
  const prisma = getPrisma();
  const threshold = options.exactThreshold ?? EXACT_FACETS_THRESHOLD;
  const sampleFraction = (await estimatedRows(filter)) > threshold ? await sampleFractionOfTable() : null;
  const from = sampleFraction
    ? Prisma.sql`"Image" i TABLESAMPLE SYSTEM (${Prisma.raw((sampleFraction * 100).toFixed(6))}) REPEATABLE (0)`
    : Prisma.sql`"Image" i`;
  const scale = (count: bigint | number) => Math.round(Number(count) / (sampleFraction ?? 1));

  const countBy = async (dimension: FacetDimension) => {
    const rows = await runFiltered(
      filter,
      prisma.$queryRaw<{ value: string | null; count: bigint }[]>`
        SELECT ${Prisma.raw(DIMENSION_SQL[dimension])} AS value, count(*) AS count FROM ${from}
        WHERE ${whereOf(imageFilterConditions(filter, { omit: dimension }))}
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${NAMED_FACET_LIMIT}`,
    );
    return rows.filter((r) => r.value !== null).map((r) => ({ value: r.value!, count: scale(r.count) }));
  };
  const enumFacet = async (dimension: keyof typeof ENUM_VALUES) => {
    const counts = new Map((await countBy(dimension)).map((r) => [r.value, r.count]));
    return ENUM_VALUES[dimension].map((value) => ({ value, count: counts.get(value) ?? 0 }));
  };
  const [total, status, matchStatus, processingStatus, aiStatus, brandCounts, collectionCounts] = await Promise.all([
    runFiltered(
      filter,
      prisma.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM ${from} WHERE ${whereOf(imageFilterConditions(filter))}`,
    ),
    enumFacet("status"),
    enumFacet("matchStatus"),
    enumFacet("processingStatus"),
    enumFacet("aiStatus"),
    countBy("brandId"),
    countBy("collectionId"),
  ]);
  const [brands, collections] = await Promise.all([
    prisma.brand.findMany({ where: { id: { in: brandCounts.map((b) => b.value) } }, select: { id: true, name: true } }),
    prisma.collection.findMany({
      where: { id: { in: collectionCounts.map((c) => c.value) } },
      select: { id: true, name: true },
    }),
  ]);
  const label = (names: { id: string; name: string }[]) => {
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return (row: { value: string; count: number }) => ({ ...row, label: byId.get(row.value) ?? "" });
  };
  return {
    total: scale(total[0]?.count ?? 0),
    isEstimate: sampleFraction !== null,
    facets: {
      status,
      matchStatus,
      processingStatus,
      aiStatus,
      brandId: brandCounts.map(label(brands)),
      collectionId: collectionCounts.map(label(collections)),
    },
  };
}

/** The planner's estimate of the matching rows (EXPLAIN, nothing is read). */
async function estimatedRows(filter: ImageFilter): Promise<number> {
  const plan = await getPrisma().$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "Image" i WHERE ${whereOf(imageFilterConditions(filter))}`;
  return plan[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
}

/** The share of the table's blocks that holds about SAMPLE_ROWS rows (from the table statistics). */
async function sampleFractionOfTable(): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ reltuples: number }[]>`
    SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = '"Image"'::regclass`;
  const tableRows = Math.max(rows[0]?.reltuples ?? 0, 1);
  return Math.min(1, SAMPLE_ROWS / tableRows);
}

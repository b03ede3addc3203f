import "server-only";
import type { z } from "zod";
import { getPrisma, Prisma } from "@/lib/db/client";
import { AI_STATUS_SQL } from "./ai-status";
import {
  estimateMatchingRows,
  imageFilterConditions,
  whereOf,
  withFuzzySearch,
  type FacetDimension,
  type QueryClient,
  type SearchCorrections,
} from "./image-filters";
import {
  AI_STATUSES,
  IMAGE_STATUSES,
  MATCH_STATUSES,
  PROCESSING_STATUSES,
  type ImageFilter,
  type imageFacetsSchema,
} from "./schemas";

type ImageFacets = z.infer<typeof imageFacetsSchema>;

/**
 * Above this many matching photos (the planner's estimate) the counts are taken on a sample. An
 * exact count reads the heap block of every match, and matches of a search or a colour are spread
 * over the whole table: past ~20,000 of them that is more blocks than the sample's (~100,000 rows,
 * a tenth of the blocks at 1,000,000 photos). At 200,000 (before) a search for a common word
 * (q=linho, a tenth of the photos) read nearly every block: 235 ms p95 at 200,000 photos.
 */
export const EXACT_FACETS_THRESHOLD = 20_000;
/**
 * About how many rows the sample reads: a twentieth of the blocks at 1,000,000 photos. Its cost is
 * the rows it reads (~2 µs each with a search's LIKE: 100,000 rows made q=linho's facets 211/276
 * ms at 1,000,000); a tenth of the photos matching is then ~5,000 sampled rows, about ±2 %.
 */
const SAMPLE_ROWS = 50_000;
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
 * A filter made only of the facet dimensions (none, a collection, a status …) is answered exactly
 * from the ImageFacetCount counters instead (`counters: false` skips them).
 */
export async function getImageFacets(
  filter: ImageFilter,
  options: { exactThreshold?: number; counters?: boolean } = {},
): Promise<ImageFacets> {
  if (options.counters !== false && isCounterFilter(filter)) return countFromCounters(filter);
  const threshold = options.exactThreshold ?? EXACT_FACETS_THRESHOLD;
  // Decided per query: a dimension in the filter counts without it (collectionId's counts read
  // every collection), so it is sampled on its own estimate, not on the narrower filter's.
  const fraction = await sampleFractionOfTable();
  const sampling: Sampling = new Map();
  for (const dimension of [undefined, ...DIMENSIONS.filter((d) => filter[d] !== undefined)])
    sampling.set(dimension ?? "all", (await estimatedRows(filter, dimension)) > threshold ? fraction : null);
  const exact = await countFacets(getPrisma(), filter, sampling);
  // As the list does: a search that finds nothing as typed is counted as a misspelling.
  if (exact.total > 0) return exact;
  return withFuzzySearch(filter.q, (corrections) => countFacets(getPrisma(), filter, sampling, corrections), exact);
}

/** The sample fraction (null: exact) of the total and of each dimension that is in the filter. */
type Sampling = Map<FacetDimension | "all", number | null>;

async function countFacets(
  db: QueryClient,
  filter: ImageFilter,
  sampling: Sampling,
  corrections?: SearchCorrections,
): Promise<ImageFacets> {
  const fractionOf = (dimension?: FacetDimension) =>
    (dimension && sampling.has(dimension) ? sampling.get(dimension) : sampling.get("all")) ?? null;
  const fromOf = (dimension?: FacetDimension) => {
    const fraction = fractionOf(dimension);
    return fraction
      ? Prisma.sql`"Image" i TABLESAMPLE SYSTEM (${Prisma.raw((fraction * 100).toFixed(6))}) REPEATABLE (0)`
      : Prisma.sql`"Image" i`;
  };
  const scaleOf = (dimension?: FacetDimension) => (count: bigint | number) =>
    Math.round(Number(count) / (fractionOf(dimension) ?? 1));
  const from = fromOf();
  const scale = scaleOf();
  const where = (omit?: FacetDimension) => whereOf(imageFilterConditions(filter, { omit, corrections }));

  // With no facet dimension in the filter, every count has the same WHERE: one scan with GROUPING
  // SETS answers them all (a search is then evaluated once, not seven times).
  const onePass = DIMENSIONS.every((dimension) => filter[dimension] === undefined)
    ? await countAllDimensions(db, from, where())
    : null;
  const countBy = async (dimension: FacetDimension) => {
    const rows =
      onePass?.get(dimension) ??
      (await db.$queryRaw<{ value: string | null; count: bigint }[]>`
        SELECT ${Prisma.raw(DIMENSION_SQL[dimension])} AS value, count(*) AS count FROM ${fromOf(dimension)}
        WHERE ${where(dimension)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${NAMED_FACET_LIMIT}`);
    const scaleRow = scaleOf(dimension);
    return rows.filter((r) => r.value !== null).map((r) => ({ value: r.value!, count: scaleRow(r.count) }));
  };
  const enumFacet = async (dimension: keyof typeof ENUM_VALUES) => {
    const counts = new Map((await countBy(dimension)).map((r) => [r.value, r.count]));
    return ENUM_VALUES[dimension].map((value) => ({ value, count: counts.get(value) ?? 0 }));
  };
  // In parallel on the pool.
  const all = <T>(tasks: (() => Promise<T>)[]) => Promise.all(tasks.map((task) => task()));
  const [total] = onePass
    ? [{ count: onePass.get("total")?.[0]?.count ?? 0n }]
    : await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM ${from} WHERE ${where()}`;
  const [status, matchStatus, processingStatus, aiStatus] = await all(
    (["status", "matchStatus", "processingStatus", "aiStatus"] as const).map((d) => () => enumFacet(d)),
  );
  const [brandCounts, collectionCounts] = await all(
    (["brandId", "collectionId"] as const).map((d) => () => countBy(d)),
  );
  return labelled({
    total: scale(total?.count ?? 0),
    isEstimate: [...sampling.values()].some((fraction) => fraction !== null),
    status: status!,
    matchStatus: matchStatus!,
    processingStatus: processingStatus!,
    aiStatus: aiStatus!,
    brandId: brandCounts!,
    collectionId: collectionCounts!,
  });
}

type Counted = { value: string; count: number };

/** The facets with the brand and collection names added. */
async function labelled(counts: {
  total: number;
  isEstimate: boolean;
  status: Counted[];
  matchStatus: Counted[];
  processingStatus: Counted[];
  aiStatus: Counted[];
  brandId: Counted[];
  collectionId: Counted[];
}): Promise<ImageFacets> {
  const { brandId: brandCounts, collectionId: collectionCounts } = counts;
  const prisma = getPrisma();
  const [brands, collections] = await Promise.all([
    prisma.brand.findMany({
      where: { id: { in: brandCounts!.map((b) => b.value) } },
      select: { id: true, name: true },
    }),
    prisma.collection.findMany({
      where: { id: { in: collectionCounts!.map((c) => c.value) } },
      select: { id: true, name: true },
    }),
  ]);
  const label = (names: { id: string; name: string }[]) => {
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return (row: { value: string; count: number }) => ({ ...row, label: byId.get(row.value) ?? "" });
  };
  return {
    total: counts.total,
    isEstimate: counts.isEstimate,
    facets: {
      status: counts.status,
      matchStatus: counts.matchStatus,
      processingStatus: counts.processingStatus,
      aiStatus: counts.aiStatus,
      brandId: brandCounts.map(label(brands)),
      collectionId: collectionCounts.map(label(collections)),
    },
  };
}

/** Whether every filter present is a facet dimension (the ImageFacetCount columns). */
function isCounterFilter(filter: ImageFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || (DIMENSIONS as string[]).includes(key));
}

type CounterRow = Record<FacetDimension, string | null> & { n: bigint };

/**
 * Exact facets from the ImageFacetCount counters (image_facet_counts migration, kept by the
 * writes' statement triggers): the counters summed per combination of the six dimensions (a few
 * thousand rows), then each dimension counted over the combinations that pass the other filters.
 */
async function countFromCounters(filter: ImageFilter): Promise<ImageFacets> {
  const rows = await getPrisma().$queryRaw<CounterRow[]>`
    SELECT "brandId"::text AS "brandId", "collectionId"::text AS "collectionId", "status"::text AS status,
           "matchStatus"::text AS "matchStatus", "processingStatus"::text AS "processingStatus",
           "aiStatus", sum("n")::bigint AS n
    FROM "ImageFacetCount" GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum("n") <> 0`;
  const passes = (row: CounterRow, omit?: FacetDimension) =>
    DIMENSIONS.every((d) => d === omit || filter[d] === undefined || row[d] === filter[d]);
  const countBy = (dimension: FacetDimension): Counted[] => {
    const counts = new Map<string, number>();
    for (const row of rows)
      if (row[dimension] !== null && passes(row, dimension))
        counts.set(row[dimension], (counts.get(row[dimension]) ?? 0) + Number(row.n));
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => (a.count === b.count ? a.value.localeCompare(b.value) : b.count - a.count))
      .slice(0, NAMED_FACET_LIMIT);
  };
  const enumFacet = (dimension: keyof typeof ENUM_VALUES): Counted[] => {
    const counts = new Map(countBy(dimension).map((r) => [r.value, r.count]));
    return ENUM_VALUES[dimension].map((value) => ({ value, count: counts.get(value) ?? 0 }));
  };
  return labelled({
    total: rows.filter((row) => passes(row)).reduce((sum, row) => sum + Number(row.n), 0),
    isEstimate: false,
    status: enumFacet("status"),
    matchStatus: enumFacet("matchStatus"),
    processingStatus: enumFacet("processingStatus"),
    aiStatus: enumFacet("aiStatus"),
    brandId: countBy("brandId"),
    collectionId: countBy("collectionId"),
  });
}

const DIMENSIONS = Object.keys(DIMENSION_SQL) as FacetDimension[];

/**
 * Every dimension's counts (and the total, under "total") from one scan: GROUPING SETS, one set
 * per dimension; GROUPING() tells which set a row belongs to. Each dimension keeps its
 * NAMED_FACET_LIMIT largest values, as the per-dimension query does.
 */
async function countAllDimensions(
  db: QueryClient,
  from: Prisma.Sql,
  where: Prisma.Sql,
): Promise<Map<FacetDimension | "total", { value: string | null; count: bigint }[]>> {
  const columns = DIMENSIONS.map((d, k) => Prisma.raw(`${DIMENSION_SQL[d]} AS d${k}`));
  const sets = DIMENSIONS.map((_, k) => Prisma.raw(`(d${k})`));
  const rows = await db.$queryRaw<{ grouping: number; value: string | null; count: bigint }[]>`
    SELECT GROUPING(${Prisma.raw(DIMENSIONS.map((_, k) => `d${k}`).join(", "))}) AS grouping,
           coalesce(${Prisma.raw(DIMENSIONS.map((_, k) => `d${k}`).join(", "))}) AS value, count(*) AS count
    FROM (SELECT ${Prisma.join(columns)} FROM ${from} WHERE ${where}) g
    GROUP BY GROUPING SETS (${Prisma.join(sets)}, ())`;
  const all = (1 << DIMENSIONS.length) - 1;
  const byDimension = new Map<FacetDimension | "total", { value: string | null; count: bigint }[]>();
  for (const row of rows) {
    // GROUPING's bit for d_k is 1 when d_k is not grouped; the set of dimension k leaves only its bit 0.
    const k = DIMENSIONS.findIndex((_, j) => (all ^ Number(row.grouping)) === 1 << (DIMENSIONS.length - 1 - j));
    const key = Number(row.grouping) === all ? "total" : DIMENSIONS[k];
    if (key === undefined) continue;
    const list = byDimension.get(key) ?? [];
    list.push({ value: row.value, count: row.count });
    byDimension.set(key, list);
  }
  for (const [key, list] of byDimension) {
    list.sort((a, b) =>
      a.count === b.count ? String(a.value).localeCompare(String(b.value)) : a.count > b.count ? -1 : 1,
    );
    byDimension.set(key, list.slice(0, NAMED_FACET_LIMIT));
  }
  for (const d of DIMENSIONS) if (!byDimension.has(d)) byDimension.set(d, []);
  return byDimension;
}

/** The planner's estimate of the matching rows (EXPLAIN, nothing is read). */
function estimatedRows(filter: ImageFilter, omit?: FacetDimension): Promise<number> {
  return estimateMatchingRows(getPrisma(), imageFilterConditions(filter, { omit }));
}

/** The share of the table's blocks that holds about SAMPLE_ROWS rows (from the table statistics). */
async function sampleFractionOfTable(): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ reltuples: number }[]>`
    SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = '"Image"'::regclass`;
  const tableRows = Math.max(rows[0]?.reltuples ?? 0, 1);
  return Math.min(1, SAMPLE_ROWS / tableRows);
}

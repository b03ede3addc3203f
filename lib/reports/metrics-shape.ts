import "server-only";
import type { z } from "zod";
import { AI_STATUSES, IMAGE_STATUSES, MATCH_STATUSES, PROCESSING_STATUSES } from "@/lib/images/schemas";
import {
  METRICS_DEFAULT_DAYS,
  type Metrics,
  type MetricsFilter,
  metricsFilterShape,
  metricsQuerySchema,
  type metricsSchema,
} from "./schemas";

/** Photos of one combination of the dimensions (a GROUP BY row, or the ImageFacetCount counters summed). */
export type CombinationRow = {
  brandId: string | null;
  collectionId: string | null;
  status: string;
  matchStatus: string;
  processingStatus: string;
  aiStatus: string;
  n: number;
};

type Names = {
  brands: ReadonlyMap<string, string>;
  collections: ReadonlyMap<string, { name: string; brandName: string }>;
};

type StatusCounts<T extends readonly string[]> = { value: T[number]; count: number }[];
type CollectionMetric = z.infer<typeof metricsSchema>["collections"][number];

function countsOf<const T extends readonly string[]>(
  values: T,
  rows: readonly CombinationRow[],
  key: keyof CombinationRow,
) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(String(row[key]), (counts.get(String(row[key])) ?? 0) + row.n);
  return values.map((value) => ({ value, count: counts.get(value) ?? 0 })) as StatusCounts<T>;
}

const byCountThenName = (a: { count: number; name: string | null }, b: { count: number; name: string | null }) =>
  b.count - a.count || (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff", "pt-BR");

/**
 * Every count of the page from the combination rows: each status dimension with all its values
 * (zeros included, in the enum's order), the brands and the collections (most photos first), each
 * collection split by workflow status with its processed and failed photos. Combinations with
 * no photo (n = 0, counters summed to nothing) count nothing.
 */
export function shapeCombinations(rows: readonly CombinationRow[], names: Names) {
  const live = rows.filter((row) => row.n > 0);
  const brands = new Map<string | null, number>();
  const collections = new Map<string | null, CollectionMetric>();
  for (const row of live) {
    brands.set(row.brandId, (brands.get(row.brandId) ?? 0) + row.n);
    const known = row.collectionId ? names.collections.get(row.collectionId) : undefined;
    const entry = collections.get(row.collectionId) ?? {
      id: row.collectionId,
      name: known?.name ?? null,
      brandName: known?.brandName ?? null,
      count: 0,
      ready: 0,
      failed: 0,
      byStatus: Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as CollectionMetric["byStatus"],
    };
    entry.count += row.n;
    if (row.processingStatus === "READY") entry.ready += row.n;
    if (row.processingStatus === "FAILED") entry.failed += row.n;
    if (row.status in entry.byStatus) entry.byStatus[row.status as keyof CollectionMetric["byStatus"]] += row.n;
    collections.set(row.collectionId, entry);
  }
  return {
    total: live.reduce((sum, row) => sum + row.n, 0),
    status: countsOf(IMAGE_STATUSES, live, "status"),
    matchStatus: countsOf(MATCH_STATUSES, live, "matchStatus"),
    processingStatus: countsOf(PROCESSING_STATUSES, live, "processingStatus"),
    aiStatus: countsOf(AI_STATUSES, live, "aiStatus"),
    brands: [...brands]
      .map(([id, count]) => ({ id, name: id ? (names.brands.get(id) ?? null) : null, count }))
      .sort(byCountThenName),
    collections: [...collections.values()].sort(byCountThenName),
  } satisfies Omit<Metrics, "filters" | "days" | "failures">;
}

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The days the per-day chart covers: the filter's range; only `from` → from then to today (at most
 * the default span when from is in the future); only `to` → the default span ending then; neither →
 * the last METRICS_DEFAULT_DAYS days up to today (UTC).
 */
export function dayWindow(filter: Pick<MetricsFilter, "from" | "to">, now = new Date()): { from: string; to: string } {
  const today = dayOf(now);
  const back = (day: string) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) - (METRICS_DEFAULT_DAYS - 1) * DAY_MS));
  const ahead = (day: string) => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + (METRICS_DEFAULT_DAYS - 1) * DAY_MS));
  if (filter.from && filter.to) return { from: filter.from, to: filter.to };
  if (filter.from) return { from: filter.from, to: filter.from <= today ? today : ahead(filter.from) };
  if (filter.to) return { from: back(filter.to), to: filter.to };
  return { from: back(today), to: today };
}

/** Every day of the window in order, with its count (0 for a day no photo arrived). */
export function fillDays(
  window: { from: string; to: string },
  counts: readonly { day: string; count: number }[],
): { day: string; count: number }[] {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  const days: { day: string; count: number }[] = [];
  for (let t = Date.parse(`${window.from}T00:00:00Z`); t <= Date.parse(`${window.to}T00:00:00Z`); t += DAY_MS) {
    const day = dayOf(new Date(t));
    days.push({ day, count: byDay.get(day) ?? 0 });
  }
  return days;
}

/** A share in whole percent for the legends (0 of 0 is 0 %). */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

/**
 * The filters a page URL asks for: each parameter read on its own (a malformed one is dropped, the
 * others kept, as the catalog does); a range that ends before it starts, or is longer than the
 * chart draws, keeps only `from`.
 */
export function parseMetricsSearchParams(
  params: Readonly<Record<string, string | string[] | undefined>>,
): MetricsFilter {
  const filter: Record<string, string> = {};
  for (const key of Object.keys(metricsFilterShape) as (keyof typeof metricsFilterShape)[]) {
    const raw = params[key];
    const value = (typeof raw === "string" ? raw : raw?.[0])?.trim();
    if (value && metricsFilterShape[key].safeParse(value).success) filter[key] = value;
  }
  const parsed = metricsQuerySchema.safeParse(filter);
  if (parsed.success) return parsed.data;
  delete filter.to;
  return metricsQuerySchema.parse(filter);
}

// First: it has to run before the browser builds the schemas below.
import type { z } from "zod";
import { imageListQuerySchema } from "@/lib/images/schemas";

/**
 * The filters of the catalog page. They are query parameters of GET /api/v1/images and keep the
 * same names in the page's URL, so one object is the URL's state, the query key and the API call.
 * Adding a filter the API accepts: add its key here and a control in components/catalog/catalog-filter-bar.tsx.
 */
export const CATALOG_FILTER_KEYS = [
  "q",
  "brandId",
  "collectionId",
  "batchId",
  "status",
  "matchStatus",
  "processingStatus",
  "aiStatus",
  "hasProduct",
  "aiDivergence",
  "color",
  "categoria",
  "tipoPeca",
  "from",
  "to",
  "sku",
  "sort",
] as const;
export type CatalogFilterKey = (typeof CATALOG_FILTER_KEYS)[number];

const mask = Object.fromEntries(CATALOG_FILTER_KEYS.map((key) => [key, true])) as { [K in CatalogFilterKey]: true };
export const catalogFiltersSchema = imageListQuerySchema.pick(mask);
export type CatalogFilters = z.infer<typeof catalogFiltersSchema>;

/** The list's order when the URL names none; it is left out of the URL. */
const DEFAULT_SORT = "arrival";

export const CATALOG_VIEWS = ["foto", "sku"] as const;
export type CatalogView = (typeof CATALOG_VIEWS)[number];
const DEFAULT_VIEW: CatalogView = "foto";

/** A page's `searchParams`, the browser's URLSearchParams (useSearchParams) or a plain record. */
export type SearchParamsInput =
  Pick<URLSearchParams, "get"> | Readonly<Record<string, string | readonly string[] | undefined>>;

function firstValue(params: SearchParamsInput, key: string): string | undefined {
  if (typeof params.get === "function") return (params as Pick<URLSearchParams, "get">).get(key) ?? undefined;
  const value = (params as Readonly<Record<string, string | readonly string[] | undefined>>)[key];
  return typeof value === "string" ? value : value?.[0];
}

/**
 * The filters a URL asks for. Each parameter is read on its own: a malformed one (a shared link
 * cut short, an old status name) is dropped without losing the others; empty ones mean "all".
 */
export function parseCatalogFilters(params: SearchParamsInput): CatalogFilters {
  const filters: Record<string, unknown> = {};
  for (const key of CATALOG_FILTER_KEYS) {
    const raw = firstValue(params, key);
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = catalogFiltersSchema.shape[key].safeParse(raw);
    if (!parsed.success || parsed.data === undefined || parsed.data === "") continue;
    if (key === "sort" && parsed.data === DEFAULT_SORT) continue;
    filters[key] = parsed.data;
  }
  return filters as CatalogFilters;
}

export function parseCatalogView(params: SearchParamsInput): CatalogView {
  const raw = firstValue(params, "view");
  return CATALOG_VIEWS.find((view) => view === raw) ?? DEFAULT_VIEW;
}

/** The filters with one of them set from a control's value ("" clears it; an invalid value clears it too). */
export function withCatalogFilter(filters: CatalogFilters, key: CatalogFilterKey, value: string): CatalogFilters {
  return parseCatalogFilters({ ...catalogFilterRecord(filters), [key]: value });
}

/** The filters as plain strings, in CATALOG_FILTER_KEYS order, without the unset ones. */
export function catalogFilterRecord(filters: CatalogFilters): Record<string, string> {
  const record: Record<string, string> = {};
  for (const key of CATALOG_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== "") record[key] = String(value);
  }
  return record;
}

/** The page's query string for these filters and view (the default view is left out). */
export function catalogSearchParams(filters: CatalogFilters, view: CatalogView): URLSearchParams {
  const params = new URLSearchParams(catalogFilterRecord(filters));
  if (view !== DEFAULT_VIEW) params.set("view", view);
  return params;
}

/** Whether anything narrows the list (the order does not). */
export function hasCatalogFilters(filters: CatalogFilters): boolean {
  return Object.keys(catalogFilterRecord(withoutSort(filters))).length > 0;
}

/** The filters without the order: what the facets and the por SKU groups are keyed by. */
export function withoutSort(filters: CatalogFilters): Omit<CatalogFilters, "sort"> {
  const rest = { ...filters };
  delete rest.sort;
  return rest;
}

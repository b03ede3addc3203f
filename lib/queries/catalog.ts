/** TanStack Query hooks of the catalog page: the photo list under the URL's filters, page by page, and its facets. */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { catalogFilterRecord, withoutSort, type CatalogFilters } from "@/lib/catalog/catalog-filters";
import { apiGet, withQuery } from "./api-client";
import { queryKeys } from "./keys";
import { CATALOG_GROUPS_PAGE_SIZE, CATALOG_PAGE_SIZE } from "./page-sizes";
import type { ImageFacets, ImagePage, SkuGroupPage } from "./types";

/**
 * How long a catalog page counts as fresh. Longer than the client's default, so the first page the
 * server rendered is not fetched again when hydration is slow (a busy machine takes more than 5 s);
 * edits and uploads invalidate `images` (queryKeys.images.all) whatever the age.
 */
const CATALOG_STALE_MS = 30_000;

/** Keyset pages of GET /api/v1/images; while other filters load, the previous photos stay on screen. */
export function useCatalogImages(filters: CatalogFilters, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    enabled: options.enabled ?? true,
    queryKey: queryKeys.images.catalog(filters),
    queryFn: ({ pageParam, signal }) =>
      apiGet<ImagePage>(
        withQuery("/api/v1/images", { ...catalogFilterRecord(filters), cursor: pageParam, limit: CATALOG_PAGE_SIZE }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: CATALOG_STALE_MS,
  });
}

/**
 * GET /api/v1/images/facets for the filters: the result total (`total`, `isEstimate` → "≈") and the
 * counts per value the filter bar shows. The previous counts stay while new filters are counted.
 */
export function useCatalogFacets(filters: CatalogFilters) {
  const unsorted = withoutSort(filters);
  return useQuery({
    queryKey: queryKeys.images.facets(unsorted),
    queryFn: ({ signal }) =>
      apiGet<ImageFacets>(withQuery("/api/v1/images/facets", catalogFilterRecord(unsorted)), signal),
    placeholderData: keepPreviousData,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Keyset pages of GET /api/v1/products/groups: the por SKU view, grouped on the server (the order does not apply). */
export function useCatalogGroups(filters: CatalogFilters, options: { enabled?: boolean } = {}) {
  const unsorted = withoutSort(filters);
  return useInfiniteQuery({
    enabled: options.enabled ?? true,
    queryKey: queryKeys.images.groups(unsorted),
    queryFn: ({ pageParam, signal }) =>
      apiGet<SkuGroupPage>(
        withQuery("/api/v1/products/groups", {
          ...catalogFilterRecord(unsorted),
          cursor: pageParam,
          limit: CATALOG_GROUPS_PAGE_SIZE,
        }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: CATALOG_STALE_MS,
  });
}

/** TanStack Query hook of the catalog page: the photo list under the URL's filters, page by page. */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { catalogFilterRecord, type CatalogFilters } from "@/lib/catalog/catalog-filters";
import { apiGet, withQuery } from "./api-client";
import { queryKeys } from "./keys";
import { CATALOG_PAGE_SIZE } from "./page-sizes";
import type { CatalogFacets, ImagePage } from "./types";

/** Keyset pages of GET /api/v1/images; while other filters load, the previous photos stay on screen. */
export function useCatalogImages(filters: CatalogFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.images.catalog(filters),
    queryFn: ({ pageParam, signal }) =>
      apiGet<ImagePage>(
        withQuery("/api/v1/images", { ...catalogFilterRecord(filters), cursor: pageParam, limit: CATALOG_PAGE_SIZE }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/images/facets under the URL's filters: counts per value and the `total` (≈ when `isEstimate`). */
export function useCatalogFacets(filters: CatalogFilters) {
  return useQuery({
    queryKey: queryKeys.images.facets(filters),
    queryFn: ({ signal }) =>
      apiGet<CatalogFacets>(withQuery("/api/v1/images/facets", catalogFilterRecord(filters)), signal),
    placeholderData: keepPreviousData,
  });
}

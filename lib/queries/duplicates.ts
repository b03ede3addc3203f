/** TanStack Query hooks of the near-duplicate review (/catalogo/duplicatas). */
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { DuplicateDecision, DuplicateFilters } from "@/lib/duplicates/schemas";
import { ApiError, apiGet, apiPost, withQuery } from "./api-client";
import { queryKeys } from "./keys";
import { DUPLICATE_GROUPS_PAGE_SIZE } from "./page-sizes";
import type { DuplicateDecisionResult, DuplicateGroupPage } from "./types";

/** Keyset pages of GET /api/v1/images/duplicates under the page's filters. */
export function useDuplicateGroups(filters: DuplicateFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.images.duplicates(filters),
    queryFn: ({ pageParam, signal }) =>
      apiGet<DuplicateGroupPage>(
        withQuery("/api/v1/images/duplicates", { ...filters, cursor: pageParam, limit: DUPLICATE_GROUPS_PAGE_SIZE }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * A decision on one group (POST /api/v1/images/duplicates/decisions). Once settled — decided, or
 * already decided by someone else (409) — the group leaves the cached pages at once, and the
 * catalog's lists are refetched (a photo marked duplicate changes status).
 */
export function useDuplicateDecision(filters: DuplicateFilters) {
  const queryClient = useQueryClient();
  const removeGroup = (groupId: string) =>
    queryClient.setQueryData<InfiniteData<DuplicateGroupPage, string | null>>(
      queryKeys.images.duplicates(filters),
      (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({ ...page, groups: page.groups.filter((g) => g.id !== groupId) })),
        },
    );
  return useMutation({
    mutationFn: ({ decision }: { groupId: string; decision: DuplicateDecision }) =>
      apiPost<DuplicateDecisionResult>("/api/v1/images/duplicates/decisions", decision),
    onSuccess: (_result, { groupId }) => {
      removeGroup(groupId);
      void queryClient.invalidateQueries({ queryKey: queryKeys.images.all(), refetchType: "none" });
    },
    onError: (error, { groupId }) => {
      if (error instanceof ApiError && error.status === 409) removeGroup(groupId);
    },
  });
}

/** TanStack Query hooks of the catalog's photo detail panel: the detail and its in-place edits. */
import { useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { apiGet, apiRequest } from "./api-client";
import { queryKeys } from "./keys";
import type { BatchImage, ImageDetail, ImagePage, ImageUpdate } from "./types";

const detailPath = (id: string) => `/api/v1/images/${encodeURIComponent(id)}`;

/** GET /api/v1/images/{id}; null id = no panel open (nothing fetched). */
export function useImageDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.images.detail(id ?? ""),
    queryFn: ({ signal }) => apiGet<ImageDetail>(detailPath(id ?? ""), signal),
    enabled: id !== null,
  });
}

export function prefetchImageDetail(queryClient: QueryClient, id: string) {
  return queryClient.prefetchQuery({
    queryKey: queryKeys.images.detail(id),
    queryFn: ({ signal }) => apiGet<ImageDetail>(detailPath(id), signal),
  });
}

function isImagePages(data: unknown): data is InfiniteData<ImagePage> {
  return (
    typeof data === "object" &&
    data !== null &&
    Array.isArray((data as { pages?: unknown }).pages) &&
    (data as InfiniteData<unknown>).pages.every((page) => Array.isArray((page as { items?: unknown })?.items))
  );
}

/** The list item refreshed from the detail the server answered (the list's own fields only). */
function refreshedItem(item: BatchImage, detail: ImageDetail): BatchImage {
  const next = { ...item } as Record<string, unknown>;
  for (const key of Object.keys(item)) if (key in detail) next[key] = detail[key as keyof ImageDetail];
  return next as BatchImage;
}

/**
 * PATCH /api/v1/images/{id} (editorial fields or a workflow status). The answer is the new detail:
 * it replaces the panel's cache entry and the photo's item in every loaded page of photos (the
 * catalog's and the batch's lists), so the card under the panel shows the change without a refetch.
 */
export function useUpdateImage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (update: ImageUpdate) =>
      (await apiRequest<ImageDetail>(detailPath(id), { method: "PATCH", body: update })).data,
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.images.detail(id), detail);
      queryClient.setQueriesData<unknown>({ queryKey: queryKeys.images.all() }, (data: unknown) => {
        if (!isImagePages(data) || !data.pages.some((page) => page.items.some((item) => item.id === id))) return data;
        return {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === id ? refreshedItem(item, detail) : item)),
          })),
        };
      });
    },
  });
}

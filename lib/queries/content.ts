/** TanStack Query hooks of the AI content panel (photo detail and product page): versions, generate/refine, edit, restore. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ContentState, EditContentInput } from "@/lib/ai/content/schemas";
import { apiGet, apiRequest } from "./api-client";
import { queryKeys } from "./keys";

export type ContentOwnerRef = { kind: "image" | "product"; id: string };

const basePath = (owner: ContentOwnerRef) =>
  `/api/v1/${owner.kind === "image" ? "images" : "products"}/${encodeURIComponent(owner.id)}/content`;

export function useContentState(owner: ContentOwnerRef) {
  return useQuery({
    queryKey: queryKeys.content.state(owner.kind, owner.id),
    queryFn: ({ signal }) => apiGet<ContentState>(`${basePath(owner)}/versions`, signal),
  });
}

/** Every write answers the new state: it replaces the cache entry; a photo's detail is refreshed (its title mirrors the content). */
function useContentWrite<V>(owner: ContentOwnerRef, request: (vars: V) => Promise<ContentState>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (state) => {
      queryClient.setQueryData(queryKeys.content.state(owner.kind, owner.id), state);
      if (owner.kind === "image") void queryClient.invalidateQueries({ queryKey: queryKeys.images.detail(owner.id) });
    },
  });
}

/** POST …/content {feedback?}: a new version (a refinement of the current one with feedback). */
export function useGenerateContent(owner: ContentOwnerRef) {
  return useContentWrite(
    owner,
    async (vars: { feedback?: string }) =>
      (await apiRequest<ContentState>(basePath(owner), { method: "POST", body: vars })).data,
  );
}

/** PATCH …/content: an edit in place (a new EDITED version). */
export function useEditContent(owner: ContentOwnerRef) {
  return useContentWrite(
    owner,
    async (edit: EditContentInput) =>
      (await apiRequest<ContentState>(basePath(owner), { method: "PATCH", body: edit })).data,
  );
}

/** POST …/content/versions/{v}/restore. */
export function useRestoreContent(owner: ContentOwnerRef) {
  return useContentWrite(
    owner,
    async (version: number) =>
      (await apiRequest<ContentState>(`${basePath(owner)}/versions/${version}/restore`, { method: "POST" })).data,
  );
}

/** GET /api/v1/export/content for a selection (ids) or a catalog filter: the link the export button follows. */
export function contentExportUrl(selection: { imageIds: string[] } | { filter: Record<string, string> }): string {
  const query =
    "imageIds" in selection
      ? new URLSearchParams({ imageIds: selection.imageIds.join(",") })
      : new URLSearchParams(selection.filter);
  // The export is in id order: the grid's sort is not a filter (the export refuses unknown keys).
  query.delete("sort");
  return `/api/v1/export/content?${query.toString()}`;
}

/** TanStack Query hooks for brands, collections, batches, batch progress and batch images. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { apiGet, apiPost, apiRequest, withQuery } from "./api-client";
import { queryKeys } from "./keys";
import { ACTIVE_BATCH_STATUSES, TERMINAL_BATCH_STATUSES } from "./batch-statuses";
import type {
  Batch,
  BatchActionResult,
  BatchDetail,
  BatchPage,
  BatchProgress,
  Brand,
  Collection,
  CollectionListItem,
  ImagePage,
  ProcessingStatus,
  StartAllResult,
  UploadsCheckResult,
} from "./types";

import { BATCH_LIST_PAGE_SIZE, IMAGE_PAGE_SIZE } from "./page-sizes";

const DEFAULT_POLL_SECONDS = 2;

export function useBrands() {
  return useQuery({
    queryKey: queryKeys.brands(),
    queryFn: ({ signal }) => apiGet<{ items: Brand[] }>("/api/v1/brands", signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useCollections(brandId: string | null) {
  return useQuery({
    queryKey: queryKeys.collections(brandId),
    queryFn: ({ signal }) =>
      apiGet<{ items: CollectionListItem[] }>(withQuery("/api/v1/collections", { brandId }), signal).then(
        (r) => r.items,
      ),
    enabled: brandId !== null,
    staleTime: 60_000,
  });
}

export function useCreateBrand() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiPost<Brand>("/api/v1/brands", { name }),
    onSuccess: (brand) => {
      client.setQueryData<Brand[]>(queryKeys.brands(), (old) =>
        old?.some((b) => b.id === brand.id) ? old : [...(old ?? []), brand],
      );
    },
  });
}

export function useCreateCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { brandId: string; name: string }) => apiPost<Collection>("/api/v1/collections", input),
    onSuccess: (collection) => {
      client.setQueryData<Collection[]>(queryKeys.collections(collection.brandId), (old) =>
        old?.some((c) => c.id === collection.id) ? old : [...(old ?? []), collection],
      );
    },
  });
}

/**
 * Recent batches first (with `includeDeleted`, the soft-deleted ones too). Refreshes every few
 * seconds while any batch is being processed.
 */
export function useBatches({ includeDeleted = false }: { includeDeleted?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.batches.list(includeDeleted),
    queryFn: ({ pageParam, signal }) =>
      apiGet<BatchPage>(
        withQuery("/api/v1/batches", {
          limit: BATCH_LIST_PAGE_SIZE,
          cursor: pageParam,
          include_soft_deleted: includeDeleted ? "true" : null,
        }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      return pages.some((p) => p.items.some((b) => ACTIVE_BATCH_STATUSES.has(b.status))) ? 5_000 : false;
    },
  });
}

export function useBatch(id: string) {
  return useQuery({
    queryKey: queryKeys.batches.detail(id),
    queryFn: ({ signal }) => apiGet<BatchDetail>(`/api/v1/batches/${encodeURIComponent(id)}`, signal),
  });
}

async function fetchProgress(id: string, signal: AbortSignal): Promise<BatchProgress> {
  const { data, headers } = await apiRequest<BatchProgress>(`/api/v1/batches/${encodeURIComponent(id)}/progress`, {
    signal,
  });
  const header = Number(headers.get("x-polling-interval"));
  return { ...data, pollIntervalSeconds: Number.isFinite(header) && header > 0 ? header : data.pollIntervalSeconds };
}

/** Progress polled at the server's X-Polling-Interval; stops on terminal statuses. */
export function useBatchProgress(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.batches.progress(id),
    queryFn: ({ signal }) => fetchProgress(id, signal),
    enabled,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return DEFAULT_POLL_SECONDS * 1000;
      return TERMINAL_BATCH_STATUSES.has(data.status) ? false : data.pollIntervalSeconds * 1000;
    },
    refetchIntervalInBackground: false,
  });
}

export type BatchAction = "start" | "pause" | "resume" | "cancel" | "reprocess";

/** Writes a fresh batch into the list and detail caches and asks for new progress. */
export function rememberBatch(client: QueryClient, batch: Batch): void {
  client.setQueryData(queryKeys.batches.detail(batch.id), batch);
  client.setQueryData<{ pages: BatchPage[]; pageParams: unknown[] }>(queryKeys.batches.list(), (old) => {
    if (!old) return old;
    const exists = old.pages.some((p) => p.items.some((b) => b.id === batch.id));
    const pages = old.pages.map((p, i) => {
      const items = p.items.map((b) => (b.id === batch.id ? batch : b));
      return !exists && i === 0 ? { ...p, items: [batch, ...items] } : { ...p, items };
    });
    return { ...old, pages };
  });
}

export function useBatchAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: BatchAction) =>
      apiPost<BatchActionResult>(`/api/v1/batches/${encodeURIComponent(id)}/${action}`),
    onSuccess: (batch) => {
      rememberBatch(client, batch);
      void client.invalidateQueries({ queryKey: queryKeys.batches.progress(id) });
      void client.invalidateQueries({ queryKey: queryKeys.images.all() });
    },
  });
}

export function useCreateBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; brandId?: string; collectionId?: string }) =>
      apiPost<BatchDetail>("/api/v1/batches", input),
    onSuccess: (batch) => rememberBatch(client, batch),
  });
}

export function useStartAll() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<StartAllResult>("/api/v1/batches/start-all"),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.batches.all() });
    },
  });
}

/** Asks the server which of these upload ids it already holds for the batch (5,000 per call). */
export async function checkExistingUploads(batchId: string, uploadIds: string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < uploadIds.length; i += 5000) {
    const chunk = uploadIds.slice(i, i + 5000);
    const result = await apiPost<UploadsCheckResult>(`/api/v1/batches/${encodeURIComponent(batchId)}/uploads/check`, {
      uploadIds: chunk,
    });
    for (const id of result.existing) existing.add(id);
  }
  return existing;
}

export function useBatchImages(batchId: string, processingStatus: ProcessingStatus | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.images.byBatch(batchId, processingStatus),
    queryFn: ({ pageParam, signal }) =>
      apiGet<ImagePage>(
        withQuery("/api/v1/images", { batchId, processingStatus, cursor: pageParam, limit: IMAGE_PAGE_SIZE }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * TanStack Query hooks of the Sistema page (admins): system stats, queue status and the last hour's
 * throughput, polled every few seconds; "Limpar fila" and "Reiniciar lote" refresh all three.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  BatchResetResult,
  QueueCleanupResult,
  QueueStatus,
  QueueThroughput,
  SystemStats,
} from "@/lib/system/schemas";
import { apiGet, apiPost, withQuery } from "./api-client";
import { queryKeys } from "./keys";

export type { BatchResetResult, QueueCleanupResult, QueueStatus, QueueThroughput, SystemStats };

/** How often the page asks again (the queries are index ranges: cheap to poll). */
export const SYSTEM_POLL_MS = 10_000;

export function useSystemStats(includeSoftDeleted: boolean) {
  return useQuery({
    queryKey: queryKeys.system.stats(includeSoftDeleted),
    queryFn: ({ signal }) =>
      apiGet<SystemStats>(
        withQuery("/api/v1/system/stats", { include_soft_deleted: includeSoftDeleted ? "true" : null }),
        signal,
      ),
    refetchInterval: SYSTEM_POLL_MS,
  });
}

export function useQueueStatus() {
  return useQuery({
    queryKey: queryKeys.system.queueStatus(),
    queryFn: ({ signal }) => apiGet<QueueStatus>("/api/v1/admin/queue/status", signal),
    refetchInterval: SYSTEM_POLL_MS,
  });
}

export function useQueueThroughput() {
  return useQuery({
    queryKey: queryKeys.system.throughput(),
    queryFn: ({ signal }) => apiGet<QueueThroughput>("/api/v1/admin/queue/throughput", signal),
    refetchInterval: SYSTEM_POLL_MS,
  });
}

export function useQueueCleanup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { olderThanHours: number }) =>
      apiPost<QueueCleanupResult>("/api/v1/admin/queue/cleanup", { older_than_hours: input.olderThanHours }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.system.all() }),
  });
}

export function useResetBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) => apiPost<BatchResetResult>(`/api/v1/admin/batches/${batchId}/reset`, {}),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.system.all() });
      void client.invalidateQueries({ queryKey: queryKeys.batches.all() });
    },
  });
}

/** TanStack Query mutations of the batch lifecycle: clone, soft delete ("Excluir") and restore. */
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { cloneBatchResultSchema } from "@/lib/batches/retention/schemas";
import { apiPost } from "./api-client";
import { queryKeys } from "./keys";
import type { BatchDetail } from "./types";

export type BatchCloneResult = z.infer<typeof cloneBatchResultSchema>;

const batchPath = (id: string, action: string) => `/api/v1/batches/${encodeURIComponent(id)}/${action}`;

/** The batch's own entry is written; the lists (with and without the deleted ones) are read again. */
function refreshAfter(client: QueryClient, batch: BatchDetail): void {
  client.setQueryData(queryKeys.batches.detail(batch.id), batch);
  void client.invalidateQueries({ queryKey: queryKeys.batches.list() });
  void client.invalidateQueries({ queryKey: queryKeys.batches.list(true) });
}

export function useCloneBatch(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { newName: string; copyResults: boolean }) =>
      apiPost<BatchCloneResult>(batchPath(id, "clone"), {
        new_name: input.newName,
        copy_results: input.copyResults,
      }),
    onSuccess: (clone) => refreshAfter(client, clone),
  });
}

export function useSoftDeleteBatch(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (retentionDays: number) =>
      apiPost<BatchDetail>(batchPath(id, "soft-delete"), { retention_days: retentionDays }),
    onSuccess: (batch) => refreshAfter(client, batch),
  });
}

export function useRestoreBatch(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<BatchDetail>(batchPath(id, "restore")),
    onSuccess: (batch) => refreshAfter(client, batch),
  });
}

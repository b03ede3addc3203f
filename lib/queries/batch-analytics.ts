/** TanStack Query hooks of the batch detail's analytics panels: status, health, error analysis, chunks. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  batchAnalysisSchema,
  batchHealthSchema,
  batchStatusDetailSchema,
  recommendationSchema,
} from "@/lib/batches/analytics/schemas";
import type { batchChunksSchema } from "@/lib/batches/url-chunks/schemas";
import { apiGet, apiPost, apiRequest } from "./api-client";
import { queryKeys } from "./keys";
import type { BatchActionResult } from "./types";

export type BatchStatusDetail = z.infer<typeof batchStatusDetailSchema>;
export type BatchHealth = z.infer<typeof batchHealthSchema>;
export type BatchAnalysis = z.infer<typeof batchAnalysisSchema>;
export type BatchRecommendation = z.infer<typeof recommendationSchema>;

/** GET /api/v1/batches/{id}/chunks (seed 004 field names). */
export type BatchChunkList = z.infer<typeof batchChunksSchema>;
export type BatchChunkRow = BatchChunkList["chunks"][number];

const FALLBACK_POLL_SECONDS = 10;
const path = (id: string, endpoint: string) => `/api/v1/batches/${encodeURIComponent(id)}/${endpoint}`;

async function fetchStatus(id: string, signal: AbortSignal): Promise<BatchStatusDetail> {
  const { data, headers } = await apiRequest<BatchStatusDetail>(path(id, "status"), { signal });
  const header = Number(headers.get("x-polling-interval"));
  return {
    ...data,
    polling_interval_seconds: Number.isFinite(header) && header > 0 ? header : data.polling_interval_seconds,
  };
}

/** The batch's status, polled at the server's X-Polling-Interval (2 s active, 10 s paused, 60 s finished). */
export function useBatchStatus(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.batchAnalytics.status(id),
    queryFn: ({ signal }) => fetchStatus(id, signal),
    enabled,
    refetchInterval: (query) => (query.state.data?.polling_interval_seconds ?? FALLBACK_POLL_SECONDS) * 1000,
    refetchIntervalInBackground: false,
  });
}

/**
 * Health, analysis and chunks follow the status's interval, but at least MIN_PANEL_POLL_SECONDS
 * apart: each counts every URL of the batch (a few hundred ms at 1,000,000 URLs), while the
 * status's 2 s keep the progress bar live.
 */
const MIN_PANEL_POLL_SECONDS = 10;

function usePolled<T>(key: readonly unknown[], url: string, intervalSeconds: number | undefined, enabled = true) {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiGet<T>(url, signal),
    enabled,
    refetchInterval: Math.max(intervalSeconds ?? FALLBACK_POLL_SECONDS, MIN_PANEL_POLL_SECONDS) * 1000,
    refetchIntervalInBackground: false,
    placeholderData: (previous) => previous,
  });
}

export function useBatchHealth(id: string, intervalSeconds: number | undefined) {
  return usePolled<BatchHealth>(queryKeys.batchAnalytics.health(id), path(id, "health"), intervalSeconds);
}

export function useBatchAnalysis(id: string, intervalSeconds: number | undefined) {
  return usePolled<BatchAnalysis>(queryKeys.batchAnalytics.analysis(id), path(id, "analyze"), intervalSeconds);
}

export function useBatchChunks(id: string, intervalSeconds: number | undefined, enabled = true) {
  return usePolled<BatchChunkList>(queryKeys.batchAnalytics.chunks(id), path(id, "chunks"), intervalSeconds, enabled);
}

/** "Reprocessar falhas de rede": POST …/reprocess {"only":"network"} (EDITOR); refreshes every panel of the batch. */
export function useReprocessNetworkFailures(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<BatchActionResult>(path(id, "reprocess"), { only: "network" }),
    onSuccess: (batch) => {
      client.setQueryData(queryKeys.batches.detail(id), batch);
      void client.invalidateQueries({ queryKey: queryKeys.batchAnalytics.of(id) });
      void client.invalidateQueries({ queryKey: queryKeys.batches.progress(id) });
      void client.invalidateQueries({ queryKey: queryKeys.batches.list() });
    },
  });
}

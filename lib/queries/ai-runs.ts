/**
 * TanStack Query hooks of AI vision runs (H3's /api/v1/ai/runs API): start, estimate, a run's detail
 * polled at the server's X-Polling-Interval (seconds), its per-image log page by page, cancel /
 * retry-failed / resume, and the single-photo analysis of a catalog card. A run that ends refreshes
 * every photo query (catalog pages, facets, groups and details live under queryKeys.images.all).
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { AiField } from "@/lib/ai/fields";
import { apiGet, apiPost, apiRequest, withQuery } from "./api-client";
import type { BulkSelectionBody } from "./catalog-bulk";
import { queryKeys } from "./keys";

export type AiRunStatus = "QUEUED" | "RUNNING" | "PAUSED" | "CANCELLED" | "COMPLETED" | "FAILED";
export type AiRunItemStatus = "PENDING" | "RUNNING" | "SUCCEEDED" | "FAILED" | "SKIPPED" | "CANCELLED";
export type AiRunMode = "now" | "batch";
export type AiEngine = "model" | "local";

export type AiRunEstimate = {
  costUsd: number;
  seconds: number;
  ratePerMinute: number;
  /** Tokens a photo is expected to take (0 with the local analyser). */
  perImageTokens?: { tokensIn: number; tokensOut: number };
};

/** GET /api/v1/ai/runs items. */
export type AiRunSummary = {
  id: string;
  status: AiRunStatus;
  mode: AiRunMode;
  engine: AiEngine;
  fields: AiField[];
  overwriteManual: boolean;
  model: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  pending: number;
  costUsd: number;
  tokensIn: number;
  tokensOut: number;
  estimate: AiRunEstimate;
  pauseReason: string | null;
  error?: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: { name: string | null; email: string } | null;
};

/** GET /api/v1/ai/runs/{id}. */
export type AiRunDetail = AiRunSummary & {
  percent: number;
  imagesPerMinute: number | null;
  etaSeconds: number | null;
  isDone?: boolean;
};

/** One photo of a run's log (GET /api/v1/ai/runs/{id}/items). */
export type AiRunItemView = {
  id: string;
  imageId: string;
  fileName: string;
  thumbnailUrl: string | null;
  status: AiRunItemStatus;
  attempts: number;
  errorCode: string | null;
  error: string | null;
  warnings: string[];
  durationMs: number | null;
  costUsd: number;
  finishedAt: string | null;
};

export type AiRunPage = { items: AiRunSummary[]; nextCursor: string | null };
export type AiRunItemPage = { items: AiRunItemView[]; nextCursor: string | null };

export type AiRunRequest = {
  selection: BulkSelectionBody;
  fields: AiField[];
  overwriteManual?: boolean;
  mode?: AiRunMode;
};

/**
 * POST /api/v1/ai/runs/estimate. `engine` (which engine would run) is read when the server sends it;
 * the economy mode's availability is the batch-mode estimate's answer (AI_BATCH_UNSUPPORTED).
 */
export type AiEstimateAnswer = { total: number; estimate: AiRunEstimate; engine?: AiEngine };

/**
 * The engine a run would use: the answer's `engine` when sent, else the estimate says it (the local
 * analyser needs no tokens).
 */
export function estimateEngine(answer: AiEstimateAnswer): AiEngine {
  if (answer.engine) return answer.engine;
  return answer.estimate.perImageTokens?.tokensIn === 0 ? "local" : "model";
}

export type AiRunStarted = { id: string; total: number; estimate: AiRunEstimate };

export const TERMINAL_AI_RUN_STATUSES: ReadonlySet<AiRunStatus> = new Set(["CANCELLED", "COMPLETED", "FAILED"]);
export const isAiRunActive = (status: AiRunStatus) => !TERMINAL_AI_RUN_STATUSES.has(status);

const DEFAULT_POLL_SECONDS = 2;
const ESTIMATE_DEBOUNCE_MS = 350;
export const AI_RUN_ITEMS_PAGE_SIZE = 50;
export const AI_RUNS_PAGE_SIZE = 25;

const runPath = (id: string) => `/api/v1/ai/runs/${encodeURIComponent(id)}`;

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The estimate of a run before it starts, asked again (debounced) as the selection, fields or mode change. */
export function useAiRunEstimate(request: AiRunRequest | null) {
  const body = useDebounced(request ? JSON.stringify(request) : null, ESTIMATE_DEBOUNCE_MS);
  return useQuery({
    queryKey: queryKeys.aiRuns.estimate(body ?? ""),
    enabled: body !== null,
    queryFn: () => apiPost<AiEstimateAnswer>("/api/v1/ai/runs/estimate", JSON.parse(body ?? "{}") as unknown),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useStartAiRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: AiRunRequest) => apiPost<AiRunStarted>("/api/v1/ai/runs", request),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.aiRuns.list() }),
  });
}

/** POST /api/v1/images/{id}/analyze: a run of one photo (a catalog card's quick button). */
export function useAnalyzeImage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ imageId }: { imageId: string }) =>
      apiPost<{ runId: string }>(`/api/v1/images/${encodeURIComponent(imageId)}/analyze`, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.aiRuns.list() }),
  });
}

function onRunEnded(client: QueryClient, id: string) {
  void client.invalidateQueries({ queryKey: queryKeys.images.all() });
  void client.invalidateQueries({ queryKey: queryKeys.aiRuns.itemsOf(id) });
  void client.invalidateQueries({ queryKey: queryKeys.aiRuns.list() });
}

type PolledRun = AiRunDetail & { pollSeconds: number };

/**
 * A run's detail, polled at the server's X-Polling-Interval (seconds) while it is active; the poll
 * stops once it is terminal (the server then sends no header). The poll that sees it end refreshes
 * the photos, the run's log and the list.
 */
export function useAiRun(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.aiRuns.detail(id ?? "none"),
    enabled: id !== null,
    queryFn: async ({ signal }): Promise<PolledRun> => {
      const key = queryKeys.aiRuns.detail(id ?? "none");
      const previous = client.getQueryData<PolledRun>(key);
      const { data, headers } = await apiRequest<AiRunDetail>(runPath(id ?? ""), { signal });
      const header = Number(headers.get("x-polling-interval"));
      const pollSeconds = Number.isFinite(header) && header > 0 ? header : DEFAULT_POLL_SECONDS;
      if (!isAiRunActive(data.status) && (!previous || isAiRunActive(previous.status))) onRunEnded(client, data.id);
      return { ...data, pollSeconds };
    },
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return DEFAULT_POLL_SECONDS * 1000;
      return isAiRunActive(data.status) ? data.pollSeconds * 1000 : false;
    },
  });
}

/** The run's per-image log, a page at a time (cursor); `status` narrows it (e.g. FAILED). */
export function useAiRunItems(id: string | null, status: AiRunItemStatus | null = null) {
  return useInfiniteQuery({
    queryKey: queryKeys.aiRuns.items(id ?? "none", status),
    enabled: id !== null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<AiRunItemPage>(
        withQuery(`${runPath(id ?? "")}/items`, { cursor: pageParam, status, limit: AI_RUN_ITEMS_PAGE_SIZE }),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Recent runs first, page by page; refreshed every few seconds while one on screen is active. */
export function useAiRuns() {
  return useInfiniteQuery({
    queryKey: queryKeys.aiRuns.list(),
    queryFn: ({ pageParam, signal }) =>
      apiGet<AiRunPage>(withQuery("/api/v1/ai/runs", { cursor: pageParam, limit: AI_RUNS_PAGE_SIZE }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) =>
      (query.state.data?.pages ?? []).some((page) => page.items.some((run) => isAiRunActive(run.status)))
        ? 5_000
        : false,
  });
}

export type AiRunAction = "cancel" | "retry-failed" | "resume";

/** cancel · retry-failed · resume; afterwards the run, its log and the list are read again. */
export function useAiRunAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: AiRunAction) => apiPost<unknown>(`${runPath(id)}/${action}`, {}),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.aiRuns.detail(id) });
      void client.invalidateQueries({ queryKey: queryKeys.aiRuns.itemsOf(id) });
      void client.invalidateQueries({ queryKey: queryKeys.aiRuns.list() });
    },
  });
}

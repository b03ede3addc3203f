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
import type { z } from "zod";
import type { AiField } from "@/lib/ai/fields";
import type {
  AI_RUN_ITEM_STATUSES,
  AI_RUN_STATUSES,
  aiRunCreatedSchema,
  aiRunDetailSchema,
  AiRunEngine,
  aiRunEstimateAnswerSchema,
  aiRunEstimateSchema,
  aiRunItemPageSchema,
  aiRunItemViewSchema,
  AiRunMode,
  aiRunPageSchema,
  aiRunSummarySchema,
} from "@/lib/ai/runs/schemas";
import { apiGet, apiPost, apiRequest, withQuery } from "./api-client";
import type { BulkSelectionBody } from "./catalog-bulk";
import { queryKeys } from "./keys";
import { AI_RUN_ITEMS_PAGE_SIZE, AI_RUNS_PAGE_SIZE } from "./page-sizes";
import { useDebounced } from "./use-debounced";

export type AiRunStatus = (typeof AI_RUN_STATUSES)[number];
export type AiRunItemStatus = (typeof AI_RUN_ITEM_STATUSES)[number];
export type { AiRunMode };
export type AiEngine = AiRunEngine;
export type AiRunEstimate = z.infer<typeof aiRunEstimateSchema>;
/** GET /api/v1/ai/runs items. */
export type AiRunSummary = z.infer<typeof aiRunSummarySchema>;
/** GET /api/v1/ai/runs/{id}. */
export type AiRunDetail = z.infer<typeof aiRunDetailSchema>;
/** One photo of a run's log (GET /api/v1/ai/runs/{id}/items). */
export type AiRunItemView = z.infer<typeof aiRunItemViewSchema>;
export type AiRunPage = z.infer<typeof aiRunPageSchema>;
export type AiRunItemPage = z.infer<typeof aiRunItemPageSchema>;
/** POST /api/v1/ai/runs/estimate: photos, estimate, and the engine a run started now would use. */
export type AiEstimateAnswer = z.infer<typeof aiRunEstimateAnswerSchema>;
export type AiRunStarted = z.infer<typeof aiRunCreatedSchema>;

export type AiRunRequest = {
  selection: BulkSelectionBody;
  fields: AiField[];
  overwriteManual?: boolean;
  mode?: AiRunMode;
};

export const TERMINAL_AI_RUN_STATUSES: ReadonlySet<AiRunStatus> = new Set(["CANCELLED", "COMPLETED", "FAILED"]);
export const isAiRunActive = (status: AiRunStatus) => !TERMINAL_AI_RUN_STATUSES.has(status);

type RunCounts = Pick<AiRunDetail, "status" | "total" | "succeeded" | "failed" | "skipped" | "cancelled">;
/** Photos of the run that have not ended yet. */
export const photosLeft = (run: RunCounts) =>
  Math.max(0, run.total - run.succeeded - run.failed - run.skipped - run.cancelled);
/** Still changing: active, or cancelled while photos were at the provider (their answers still land). */
export const isAiRunSettling = (run: RunCounts) =>
  isAiRunActive(run.status) || (run.status === "CANCELLED" && photosLeft(run) > 0);

const DEFAULT_POLL_SECONDS = 2;
const ESTIMATE_DEBOUNCE_MS = 350;

const runPath = (id: string) => `/api/v1/ai/runs/${encodeURIComponent(id)}`;

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

/** A run's detail with the poll interval its answer asked for (seconds). */
export type PolledRun = AiRunDetail & { pollSeconds: number };

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
      return isAiRunSettling(data) ? data.pollSeconds * 1000 : false;
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

/** TanStack Query hooks for reconciliation runs ("Reconciliar"). */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { apiPost, apiRequest } from "./api-client";
import { queryKeys } from "./keys";
import type { ReconcileStarted, ReconciliationRun } from "./types";

const DEFAULT_POLL_MS = 1000;

type PolledRun = { run: ReconciliationRun; pollIntervalMs: number };

async function fetchRun(runId: string, signal: AbortSignal): Promise<PolledRun> {
  const { data, headers } = await apiRequest<ReconciliationRun>(`/api/v1/reconcile/${encodeURIComponent(runId)}`, {
    signal,
  });
  // X-Polling-Interval is in seconds.
  const header = Number(headers.get("x-polling-interval"));
  return { run: data, pollIntervalMs: Number.isFinite(header) && header > 0 ? header * 1000 : DEFAULT_POLL_MS };
}

export type ReconcileFilters = { batchId?: string; collectionId?: string };

/** Starts a run (POST /api/v1/reconcile), polls it at the server's X-Polling-Interval until done, then calls `onDone` once. */
export function useReconcileRun(onDone: (run: ReconciliationRun) => void) {
  const [runId, setRunId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (filters: ReconcileFilters) => apiPost<ReconcileStarted>("/api/v1/reconcile", filters),
    onMutate: () => setRunId(null),
    onSuccess: (started) => setRunId(started.runId),
  });
  const polled = useQuery({
    queryKey: queryKeys.reconciliation.run(runId ?? ""),
    queryFn: ({ signal }) => fetchRun(runId ?? "", signal),
    enabled: runId !== null,
    refetchInterval: (query) =>
      query.state.data?.run.isDone ? false : (query.state.data?.pollIntervalMs ?? DEFAULT_POLL_MS),
    retry: false,
  });
  const run = runId !== null ? (polled.data?.run ?? null) : null;

  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  }, [onDone]);
  const notifiedRunId = useRef<string | null>(null);
  useEffect(() => {
    if (run?.isDone && notifiedRunId.current !== run.id) {
      notifiedRunId.current = run.id;
      onDoneRef.current(run);
    }
  }, [run]);

  const error = start.error ?? polled.error;
  return {
    run,
    /** The failure to start or to follow the run, rendered by the caller through useErrorText. */
    error,
    start: (filters: ReconcileFilters) => start.mutate(filters),
    isRunning: start.isPending || (run !== null && !run.isDone) || (runId !== null && polled.isPending),
  };
}

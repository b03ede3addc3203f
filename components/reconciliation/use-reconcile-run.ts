"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";

export type RunView = {
  id: string;
  status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED";
  total: number;
  processed: number;
  percent: number;
  summary: { matched: number; ambiguous: number; unmatched: number; skipped: number; changed: number };
  error: string | null;
  isDone: boolean;
};

/** Starts a reconciliation run (POST /api/v1/reconcile) and polls it until done. */
export function useReconcileRun(onDone: (run: RunView) => void) {
  const [run, setRun] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorText = useErrorText();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  }, [onDone]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // A loop (not a self-scheduling callback) so the hook stays free of self-references.
  const poll = useCallback(async (runId: string) => {
    for (;;) {
      const response = await fetch(`/api/v1/reconcile/${runId}`, { cache: "no-store" });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; details?: unknown };
        setError(errorText({ code: body.error ?? `HTTP_${response.status}`, details: body.details }));
        return;
      }
      const view = (await response.json()) as RunView;
      setRun(view);
      if (view.isDone) {
        doneRef.current(view);
        return;
      }
      const wait = Number(response.headers.get("X-Polling-Interval") ?? 1000);
      await new Promise<void>((resolve) => {
        timer.current = setTimeout(resolve, wait);
      });
    }
  }, [errorText]);

  const start = useCallback(
    async (filters: { batchId?: string; collectionId?: string }) => {
      setError(null);
      setRun(null);
      const response = await fetch("/api/v1/reconcile", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(filters) });
      const body = (await response.json().catch(() => ({}))) as { runId?: string; error?: string; details?: unknown };
      if (response.status !== 202 || !body.runId) {
        setError(errorText({ code: body.error ?? `HTTP_${response.status}`, details: body.details }));
        return;
      }
      await poll(body.runId);
    },
    [poll, errorText],
  );

  return { run, error, start, isRunning: run != null && !run.isDone };
}

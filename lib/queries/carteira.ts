/** TanStack Query hooks for the carteira importer: the preview of a file, its import and the poll of a queued import. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError, apiRequest } from "./api-client";
import { queryKeys } from "./keys";
import type {
  CarteiraImportDetail,
  CarteiraImportStarted,
  CarteiraImportSummary,
  CarteiraMapping,
  CarteiraPreview,
} from "./types";

const DEFAULT_POLL_MS = 1000;

export type CarteiraImportOptions = {
  sheets?: string[];
  mapping?: CarteiraMapping;
  brandId?: string;
  collectionId?: string;
};

/** The multipart form of POST /previews and /imports: the file and the options that were given. */
function carteiraForm(file: File, options: CarteiraImportOptions): FormData {
  const form = new FormData();
  form.set("file", file);
  if (options.sheets && options.sheets.length > 0) form.set("sheets", JSON.stringify(options.sheets));
  if (options.mapping && Object.keys(options.mapping).length > 0) form.set("mapping", JSON.stringify(options.mapping));
  if (options.brandId) form.set("brandId", options.brandId);
  if (options.collectionId) form.set("collectionId", options.collectionId);
  return form;
}

export const isImportFinished = (summary: Pick<CarteiraImportSummary, "status">) =>
  summary.status === "COMPLETED" || summary.status === "FAILED";

/** Header row, detected mapping and first rows of a file (POST /api/v1/carteira/previews). */
export function useCarteiraPreview() {
  return useMutation({
    mutationFn: async ({ file, sheets }: { file: File; sheets?: string[] }) =>
      (
        await apiRequest<CarteiraPreview>("/api/v1/carteira/previews", {
          method: "POST",
          body: carteiraForm(file, { sheets }),
        })
      ).data,
  });
}

type StartedImport = { mode: "sync"; summary: CarteiraImportSummary } | { mode: "async"; id: string };

/** POST /api/v1/carteira/imports: 201 with the summary of an import done in the request, 202 when it was queued. */
async function startImport({ file, options }: { file: File; options: CarteiraImportOptions }): Promise<StartedImport> {
  const { data, status } = await apiRequest<CarteiraImportSummary | CarteiraImportStarted>("/api/v1/carteira/imports", {
    method: "POST",
    body: carteiraForm(file, options),
  });
  return status === 202 ? { mode: "async", id: data.id } : { mode: "sync", summary: data as CarteiraImportSummary };
}

type PolledImport = { detail: CarteiraImportDetail; pollIntervalMs: number };

async function fetchImport(id: string, signal: AbortSignal): Promise<PolledImport> {
  const { data, headers } = await apiRequest<CarteiraImportDetail>(
    `/api/v1/carteira/imports/${encodeURIComponent(id)}`,
    { signal },
  );
  // X-Polling-Interval is in seconds.
  const header = Number(headers.get("x-polling-interval"));
  return { detail: data, pollIntervalMs: Number.isFinite(header) && header > 0 ? header * 1000 : DEFAULT_POLL_MS };
}

/** The summary a refused import answers with in its error's `details` (a refused upload has the error's own parameters there). */
function refusedImportSummary(error: unknown): CarteiraImportSummary | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details;
  return details !== null && typeof details === "object" && "status" in details
    ? (details as CarteiraImportSummary)
    : null;
}

/** A finished import: its summary, and the refusal (an ApiError) when the server refused it in the request. */
export type CarteiraImportOutcome = { summary: CarteiraImportSummary; refusal: unknown };

/**
 * Imports a file: done in the request (small files) or queued and polled at the server's
 * X-Polling-Interval until finished. Calls `onSettled` once per import that ends, however it ends
 * (the history table is server-rendered and worth refreshing).
 */
export function useCarteiraImport(onSettled: () => void) {
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: startImport,
    onMutate: () => setQueuedId(null),
    onSuccess: (started) => {
      if (started.mode === "async") setQueuedId(started.id);
    },
  });
  const polled = useQuery({
    queryKey: queryKeys.carteira.import(queuedId ?? ""),
    queryFn: ({ signal }) => fetchImport(queuedId ?? "", signal),
    enabled: queuedId !== null,
    refetchInterval: (query) =>
      query.state.data && isImportFinished(query.state.data.detail)
        ? false
        : (query.state.data?.pollIntervalMs ?? DEFAULT_POLL_MS),
    retry: false,
  });

  const started = start.data;
  const progress = queuedId !== null ? (polled.data?.detail ?? null) : null;
  const refusedSummary = refusedImportSummary(start.error);
  let outcome: CarteiraImportOutcome | null = null;
  if (started?.mode === "sync") outcome = { summary: started.summary, refusal: null };
  else if (refusedSummary) outcome = { summary: refusedSummary, refusal: start.error };
  else if (progress && isImportFinished(progress)) outcome = { summary: progress, refusal: null };
  /** A failure with no import to show: a refused upload, a network error, a lost poll. */
  const error = refusedSummary ? null : (start.error ?? (queuedId !== null ? polled.error : null));
  const isSettled = outcome !== null || error !== null;

  const onSettledRef = useRef(onSettled);
  useEffect(() => {
    onSettledRef.current = onSettled;
  }, [onSettled]);
  useEffect(() => {
    if (isSettled && start.submittedAt > 0) onSettledRef.current();
  }, [isSettled, start.submittedAt]);

  return {
    start: (file: File, options: CarteiraImportOptions) => start.mutate({ file, options }),
    /** True from the 202 until the queued import ends; `progress` is its last poll (null before the first). */
    isQueued: queuedId !== null && !isSettled,
    progress: outcome ? null : progress,
    outcome,
    error,
    isRunning: start.isPending || (queuedId !== null && !isSettled),
    reset: () => {
      start.reset();
      setQueuedId(null);
    },
  };
}

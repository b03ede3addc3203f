/** Bulk actions and the ZIP download of the catalog's selection (POST /api/v1/images/bulk, /download). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiGet, apiRequest } from "./api-client";
import { queryKeys } from "./keys";
import type { BulkActionResult, BulkActionRun, BulkActionStarted } from "./types";

/** Up to 1,000 ids, or the catalog filters as strings (as in the page's URL). */
export type BulkSelectionBody = { imageIds: string[] } | { filter: Record<string, string> };

export type BulkActionBody =
  | { action: "setStatus"; status: string }
  | { action: "markAiPending" }
  | { action: "linkSku"; sku: string }
  | { action: "unlinkSku" };

/** Done at once (200) or a job to poll (202). */
export type BulkActionOutcome = { kind: "done"; result: BulkActionResult } | { kind: "queued"; runId: string };

/** Runs a bulk action; a finished one refreshes every catalog query. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ selection, body }: { selection: BulkSelectionBody; body: BulkActionBody }) => {
      const response = await apiRequest<BulkActionResult | BulkActionStarted>("/api/v1/images/bulk", {
        method: "POST",
        body: { selection, ...body },
      });
      return response.status === 202
        ? ({ kind: "queued", runId: (response.data as BulkActionStarted).runId } satisfies BulkActionOutcome)
        : ({ kind: "done", result: response.data as BulkActionResult } satisfies BulkActionOutcome);
    },
    onSuccess: (outcome) => {
      if (outcome.kind === "done") void queryClient.invalidateQueries({ queryKey: queryKeys.images.all() });
    },
  });
}

/** A bulk job's status, polled every second until it is done (then the catalog is refreshed). */
export function useBulkRun(runId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.bulk.run(runId ?? "none"),
    enabled: runId !== null,
    queryFn: async ({ signal }) => {
      const run = await apiGet<BulkActionRun>(`/api/v1/images/bulk/${runId}`, signal);
      if (run.isDone) void queryClient.invalidateQueries({ queryKey: queryKeys.images.all() });
      return run;
    },
    refetchInterval: (query) => (query.state.data?.isDone ? false : 1000),
  });
}

/**
 * Downloads the selection's originals as a ZIP. A refusal (caps, empty) comes back as the API's
 * error before any byte; the archive is then saved by the browser through an object URL.
 */
export async function downloadSelectionZip(selection: BulkSelectionBody): Promise<void> {
  const response = await fetch("/api/v1/images/download", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/zip, application/json" },
    body: JSON.stringify({ selection }),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(body.error ?? `HTTP_${response.status}`, body.message ?? "", response.status, body.details);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = "vitrine-fotos.zip";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

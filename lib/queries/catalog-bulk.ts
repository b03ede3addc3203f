/** Bulk actions and the ZIP download of the catalog's selection (POST /api/v1/images/bulk, /download). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiPost, apiRequest } from "./api-client";
import { queryKeys } from "./keys";
import type { BulkActionResult, BulkActionRun, BulkActionStarted, DownloadTicket } from "./types";

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

const DEFAULT_POLL_MS = 1000;

/** A bulk job's status, polled at the server's X-Polling-Interval (seconds) until it is done (then the catalog is refreshed). */
export function useBulkRun(runId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.bulk.run(runId ?? "none"),
    enabled: runId !== null,
    queryFn: async ({ signal }) => {
      const { data: run, headers } = await apiRequest<BulkActionRun>(`/api/v1/images/bulk/${runId}`, { signal });
      if (run.isDone) void queryClient.invalidateQueries({ queryKey: queryKeys.images.all() });
      const header = Number(headers.get("x-polling-interval"));
      return { ...run, pollIntervalMs: Number.isFinite(header) && header > 0 ? header * 1000 : DEFAULT_POLL_MS };
    },
    refetchInterval: (query) =>
      query.state.data?.isDone ? false : (query.state.data?.pollIntervalMs ?? DEFAULT_POLL_MS),
  });
}

/**
 * Downloads the selection's originals as a ZIP. The server checks the caps first and answers a
 * one-use link (a refusal comes back as the API's error, shown by the bar); the browser then
 * follows the link as a plain download, so the archive streams to disk, never into the page.
 */
export async function downloadSelectionZip(selection: BulkSelectionBody): Promise<void> {
  const ticket = await apiPost<DownloadTicket>("/api/v1/images/download/tickets", { selection });
  const link = document.createElement("a");
  link.href = ticket.url;
  link.download = "vitrine-fotos.zip";
  document.body.append(link);
  link.click();
  link.remove();
}

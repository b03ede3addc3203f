import { useQuery } from "@tanstack/react-query";
import type { ExportJob } from "@/lib/export/jobs/schemas";
import type { ExportEstimate } from "@/lib/export/estimated-size";
import type { BatchExportSummary } from "@/lib/export/schemas";
import { apiGet, apiPost, apiRequest } from "./api-client";
import { queryKeys } from "./keys";

/** The formats the export menu offers, in its order (the server's list: lib/export/schemas.ts). */
export const EXPORT_MENU_FORMATS = ["csv", "xlsx", "json", "ndjson"] as const;
export type ExportMenuFormat = (typeof EXPORT_MENU_FORMATS)[number];

/** What a menu exports: the catalog's filter, a selection of ids, or any GET export endpoint that takes `format`. */
export type ExportTarget = { imageIds: string[] } | { filter: Record<string, string> } | ExportEndpoint;
/** A GET export route (a report, a batch, the coverage…) and its query; the menu adds `format` and `metadata`. */
export type ExportEndpoint = { endpoint: string; params?: Record<string, string> };

/** The download URL of an export target in the chosen format. */
export function exportUrl(target: ExportTarget, options: { format: ExportMenuFormat; metadata: boolean }): string {
  if (!("endpoint" in target)) return catalogExportUrl(target, options);
  const query = new URLSearchParams(target.params);
  query.set("format", options.format);
  query.set("metadata", String(options.metadata));
  return `${target.endpoint}?${query.toString()}`;
}

/**
 * GET /api/v1/export/filtered for the catalog's filter (its URL record) or a selection of ids: a
 * plain link, so the file streams to disk instead of into the page.
 */
export function catalogExportUrl(
  selection: { imageIds: string[] } | { filter: Record<string, string> },
  options: { format: ExportMenuFormat; metadata: boolean },
): string {
  const query =
    "imageIds" in selection
      ? new URLSearchParams({ imageIds: selection.imageIds.join(",") })
      : new URLSearchParams(selection.filter);
  // Exports are in id order: the grid's sort is not a filter.
  query.delete("sort");
  query.set("format", options.format);
  query.set("metadata", String(options.metadata));
  return `/api/v1/export/filtered?${query.toString()}`;
}

/**
 * The estimate route of an export target (`<export path>/estimate`, the same query; format is
 * ignored there): its first rows in every format, which estimatedBytes scales to the menu's count.
 */
export function exportEstimateUrl(target: ExportTarget, options: { metadata: boolean }): string {
  const [path, query] = exportUrl(target, { format: "csv", metadata: options.metadata }).split("?");
  return `${path}/estimate?${query}`;
}

export function useExportEstimate(target: ExportTarget, options: { metadata: boolean; enabled: boolean }) {
  const url = exportEstimateUrl(target, options);
  return useQuery({
    queryKey: queryKeys.exports.estimate(url),
    queryFn: ({ signal }) => apiGet<ExportEstimate>(url, signal),
    enabled: options.enabled,
    staleTime: 30_000,
  });
}

/** GET /api/v1/export/batch/{id}/summary: a batch's rows by result and the estimated size per format. */
export function useBatchExportSummary(batchId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: queryKeys.exports.batchSummary(batchId),
    queryFn: ({ signal }) =>
      apiGet<BatchExportSummary>(`/api/v1/export/batch/${encodeURIComponent(batchId)}/summary`, signal),
    enabled,
    staleTime: 30_000,
  });
}

/** GET /api/v1/export/batches/multiple: the ZIP of several batches (one file each) as a download link. */
export function multipleBatchExportUrl(
  batchIds: string[],
  options: { format: ExportMenuFormat; metadata: boolean },
): string {
  const query = new URLSearchParams({
    batch_ids: batchIds.join(","),
    format: options.format,
    metadata: String(options.metadata),
  });
  return `/api/v1/export/batches/multiple?${query.toString()}`;
}

/** POST /api/v1/export/jobs: the same export written by a worker into storage (the request without format/metadata, which the menu adds). */
export type ExportJobTarget =
  | { kind: "filtered"; filters: Record<string, string> }
  | { kind: "batch"; batch_id: string; success_only?: boolean; failed_only?: boolean }
  | { kind: "batches"; batch_ids: string[] };

export function startExportJob(
  target: ExportJobTarget,
  options: { format: ExportMenuFormat; metadata: boolean },
): Promise<ExportJob> {
  return apiPost<ExportJob>("/api/v1/export/jobs", { ...target, ...options });
}

const JOB_FALLBACK_POLL_SECONDS = 2;

/** GET /api/v1/export/jobs/{id}, polled at its X-Polling-Interval while it runs; no more once it ended. */
export function useExportJob(id: string | null) {
  return useQuery({
    queryKey: queryKeys.exports.job(id ?? ""),
    queryFn: async ({ signal }) => {
      const { data, headers } = await apiRequest<ExportJob>(`/api/v1/export/jobs/${encodeURIComponent(id!)}`, {
        signal,
      });
      const header = Number(headers.get("x-polling-interval"));
      return { job: data, pollSeconds: Number.isFinite(header) && header > 0 ? header : JOB_FALLBACK_POLL_SECONDS };
    },
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.job.status;
      if (status && status !== "QUEUED" && status !== "RUNNING") return false;
      return (query.state.data?.pollSeconds ?? JOB_FALLBACK_POLL_SECONDS) * 1000;
    },
  });
}

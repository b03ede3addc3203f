import "server-only";
import type { z } from "zod";
import { getBatchCounts } from "../batch-queries";
import { analysisRecommendations } from "./analysis-recommendations";
import {
  getBatchRowOrThrow,
  getBlockedUrls,
  getChunkRows,
  getFailedHosts,
  getProcessingFailures,
  getUrlFailures,
  sumUrlCounts,
} from "./batch-facts";
import { withMessage } from "./recommendation-text";
import { IMAGE_PROCESSING, type batchAnalysisSchema } from "./schemas";

type BatchAnalysis = z.infer<typeof batchAnalysisSchema>;

export const TOP_ERRORS_SHOWN = 10;

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** The code a failure is counted under in top_errors: HTTP_<status> for HTTP answers, else the stored code. */
function errorType(row: { category: string; errorCode: string | null; httpStatus: number | null }): string {
  if ((row.category === "HTTP_4XX" || row.category === "HTTP_5XX") && row.httpStatus) return `HTTP_${row.httpStatus}`;
  return row.errorCode ?? row.category;
}

/** GET /api/v1/batches/{id}/analyze: errors by category, top errors, hosts, blocked URLs, recommendations. */
export async function getBatchAnalysis(batchId: string, now = new Date()): Promise<BatchAnalysis> {
  const batch = await getBatchRowOrThrow(batchId);
  const isUrl = batch.source === "URL_LIST";
  const processing = await getProcessingFailures(batchId);
  const [chunks, failures, hosts, blocked] = isUrl
    ? await Promise.all([
        getChunkRows(batchId),
        getUrlFailures(batchId),
        getFailedHosts(batchId),
        getBlockedUrls(batchId),
      ])
    : [[], [], [], []];

  let totalItems: number;
  let finished: number;
  if (isUrl) {
    const counts = sumUrlCounts(chunks);
    totalItems = counts.total;
    finished = counts.stored + counts.duplicate + counts.failed;
  } else {
    const counts = (await getBatchCounts([batchId])).get(batchId)!;
    totalItems = counts.total;
    finished = counts.processed + counts.failed;
  }

  const urlFailures: Record<string, number> = {};
  const types = new Map<string, { error_type: string; category: string; http_status: number | null; count: number }>();
  const clientStatuses = new Map<number, number>();
  for (const row of failures) {
    urlFailures[row.category] = (urlFailures[row.category] ?? 0) + row.count;
    const type = errorType(row);
    const entry = types.get(`${row.category}:${type}`) ?? {
      error_type: type,
      category: row.category,
      http_status: row.category.startsWith("HTTP_") ? row.httpStatus : null,
      count: 0,
    };
    entry.count += row.count;
    types.set(`${row.category}:${type}`, entry);
    if (row.category === "HTTP_4XX" && row.httpStatus)
      clientStatuses.set(row.httpStatus, (clientStatuses.get(row.httpStatus) ?? 0) + row.count);
  }
  for (const [code, count] of Object.entries(processing))
    types.set(`${IMAGE_PROCESSING}:${code}`, {
      error_type: code,
      category: IMAGE_PROCESSING,
      http_status: null,
      count,
    });

  const urlFailed = failures.reduce((n, r) => n + r.count, 0);
  const processingFailed = Object.values(processing).reduce((a, b) => a + b, 0);
  const totalErrors = urlFailed + processingFailed;

  const categories = [
    ...Object.entries(urlFailures).map(([category, count]) => ({ category, kind: "url" as const, count })),
    ...(processingFailed > 0
      ? [{ category: IMAGE_PROCESSING, kind: "processing" as const, count: processingFailed }]
      : []),
  ]
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .map((c) => ({ ...c, percentage: pct(c.count, totalErrors) }));

  const topErrors = [...types.values()]
    .sort((a, b) => b.count - a.count || a.error_type.localeCompare(b.error_type))
    .slice(0, TOP_ERRORS_SHOWN)
    .map((e) => ({ ...e, percentage: pct(e.count, totalErrors) }));

  const topClientStatus = [...clientStatuses.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;

  return {
    batch_id: batch.id,
    source: batch.source,
    total_items: totalItems,
    total_errors: totalErrors,
    error_rate: finished > 0 ? pct(urlFailed + (isUrl ? 0 : processingFailed), finished) : null,
    error_categories: Object.fromEntries(categories.map((c) => [c.category, c.count])),
    categories,
    top_errors: topErrors,
    hosts: hosts.map((h) => ({
      host: h.host,
      failed: h.failed,
      percentage: pct(h.failed, urlFailed),
      top_category: Object.entries(h.byCategory).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
    })),
    blocked_count: urlFailures.BLOCKED_ADDRESS ?? 0,
    blocked_urls: blocked.map((b) => ({ line_number: b.lineNumber, url: b.url, error_code: b.errorCode })),
    recommendations: analysisRecommendations({
      urlFailures,
      processingFailures: processing,
      topClientStatus,
      hosts,
    }).map(withMessage),
    computed_at: now.toISOString(),
  };
}

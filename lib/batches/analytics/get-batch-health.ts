import "server-only";
import type { z } from "zod";
import { getBatchCounts } from "../batch-queries";
import {
  getBatchRowOrThrow,
  getChunkRows,
  getFailedHosts,
  getNormRates,
  getProcessingFailures,
  getUrlFailures,
  runRate,
  sumUrlCounts,
} from "./batch-facts";
import { computeHealth, NORM_WINDOW, WEIGHTS, type HealthInput } from "./health-score";
import { healthStatusLabel, withMessage } from "./recommendation-text";
import type { batchHealthSchema } from "./schemas";

type BatchHealth = z.infer<typeof batchHealthSchema>;

/** GET /api/v1/batches/{id}/health: the score, its components and the recommendations (seed 004). */
export async function getBatchHealth(batchId: string, now = new Date()): Promise<BatchHealth> {
  const batch = await getBatchRowOrThrow(batchId);
  const isUrl = batch.source === "URL_LIST";
  const [normRates, processingFailures] = await Promise.all([getNormRates(batch), getProcessingFailures(batchId)]);
  let input: HealthInput;
  let total: number;
  if (isUrl) {
    const [chunks, failures, hosts] = await Promise.all([
      getChunkRows(batchId),
      getUrlFailures(batchId),
      getFailedHosts(batchId),
    ]);
    const counts = sumUrlCounts(chunks);
    const urlFailures: Record<string, number> = {};
    for (const row of failures) urlFailures[row.category] = (urlFailures[row.category] ?? 0) + row.count;
    const successful = counts.stored + counts.duplicate;
    total = counts.total;
    input = {
      successful,
      failed: counts.failed,
      itemsPerMinute: runRate(batch, successful + counts.failed, now),
      normRates,
      urlFailures,
      processingFailures,
      chunks,
      hosts,
    };
  } else {
    const counts = (await getBatchCounts([batchId])).get(batchId)!;
    total = counts.total;
    input = {
      successful: counts.processed,
      failed: counts.failed,
      itemsPerMinute: runRate(batch, counts.processed + counts.failed, now),
      normRates,
      urlFailures: {},
      processingFailures,
      chunks: [],
      hosts: [],
    };
  }
  const report = computeHealth(input);
  return {
    batch_id: batch.id,
    source: batch.source,
    batch_status: batch.status,
    health_score: report.healthScore,
    status: report.status,
    status_label: healthStatusLabel(report.status),
    success_rate: report.successRate,
    factors: report.factors,
    weights: WEIGHTS,
    counts: {
      total,
      finished: input.successful + input.failed,
      successful: input.successful,
      failed: input.failed,
    },
    speed: {
      items_per_minute: report.speed.itemsPerMinute,
      norm_items_per_minute: report.speed.norm,
      norm_batches: report.speed.normBatches,
      norm_window: NORM_WINDOW,
      ratio: report.speed.ratio,
    },
    error_patterns: {
      dominant_category: report.patterns.dominantCategory,
      dominant_share: report.patterns.dominantShare,
      blocked_count: report.patterns.blockedCount,
      rising_failures: report.patterns.rising && {
        chunk_number: report.patterns.rising.chunkNumber,
        failure_rate: report.patterns.rising.failureRate,
        previous_failure_rate: report.patterns.rising.previousFailureRate,
      },
    },
    recommendations: report.recommendations.map(withMessage),
    computed_at: now.toISOString(),
  };
}

import "server-only";
import type { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { IN_PROGRESS } from "../batch-lifecycle";
import { getBatchProgress } from "../batch-progress";
import { getBatchRowOrThrow, getChunkRows, runRate, sumUrlCounts, type BatchRow, type ChunkRow } from "./batch-facts";
import { pollingIntervalSeconds } from "./polling-interval";
import type { batchStatusDetailSchema } from "./schemas";

type BatchStatusDetail = z.infer<typeof batchStatusDetailSchema>;

/** Chunks finished this recently still count towards the current rate. */
const RECENT_MS = 5 * 60_000;

const round1 = (value: number) => Math.round(value * 10) / 10;
const pct = (part: number, whole: number) => (whole > 0 ? Math.min(100, round1((part / whole) * 100)) : 0);

/**
 * The current rate of a URL batch: the URLs finished in its recent chunks (running, or finished in
 * the last 5 minutes) over the time since the first of them started — chunks run side by side,
 * so this is the batch's throughput now, not one chunk's.
 */
export function recentChunkRate(chunks: readonly ChunkRow[], now: Date): { rate: number; chunkIds: string[] } {
  const recent = chunks.filter(
    (c) =>
      c.startedAt && (c.status === "RUNNING" || (c.finishedAt && now.getTime() - c.finishedAt.getTime() <= RECENT_MS)),
  );
  if (recent.length === 0) return { rate: 0, chunkIds: [] };
  const since = Math.min(...recent.map((c) => c.startedAt!.getTime()));
  const done = recent.reduce((n, c) => n + c.finished, 0);
  const minutes = Math.max((now.getTime() - since) / 60_000, 1 / 60);
  return { rate: done / minutes, chunkIds: recent.map((c) => c.id) };
}

/** 1-based number of the first chunk not finished yet, or the last one once all are. */
export function currentChunkNumber(chunks: readonly ChunkRow[]): number {
  const open = chunks.find((c) => c.status !== "COMPLETED" && c.status !== "CANCELLED");
  return open ? open.number : chunks.length;
}

async function meanFetchSeconds(chunkIds: string[]): Promise<number | null> {
  if (chunkIds.length === 0) return null;
  const rows = await getPrisma().$queryRaw<{ avg: number | null }[]>`
    SELECT avg("durationMs")::float8 AS avg FROM "BatchUrl"
    WHERE "chunkId" = ANY(${chunkIds}::uuid[]) AND "status" IN ('STORED', 'DUPLICATE', 'FAILED') AND "durationMs" IS NOT NULL`;
  const avg = rows[0]?.avg;
  return avg === null || avg === undefined ? null : Math.round(avg) / 1000;
}

function timing(batch: BatchRow, now: Date, etaSeconds: number | null): BatchStatusDetail["timing"] {
  const elapsedMs = batch.startedAt ? (batch.finishedAt ?? now).getTime() - batch.startedAt.getTime() : null;
  const elapsed = elapsedMs === null ? null : Math.max(0, Math.round(elapsedMs / 1000));
  return {
    created_at: batch.createdAt.toISOString(),
    started_at: batch.startedAt?.toISOString() ?? null,
    finished_at: batch.finishedAt?.toISOString() ?? null,
    elapsed_seconds: elapsed,
    elapsed_time_minutes: elapsed === null ? null : round1(elapsed / 60),
    eta_seconds: etaSeconds,
    estimated_completion: etaSeconds === null ? null : new Date(now.getTime() + etaSeconds * 1000).toISOString(),
  };
}

function batchInfo(batch: BatchRow, totalItems: number, totalChunks: number): BatchStatusDetail["batch_info"] {
  return {
    batch_id: batch.id,
    batch_name: batch.name,
    status: batch.status,
    source: batch.source,
    total_items: totalItems,
    chunk_size: batch.chunkSize,
    total_chunks: totalChunks,
    is_active: IN_PROGRESS.includes(batch.status),
    brand: batch.brand,
    collection: batch.collection,
  };
}

/** GET /api/v1/batches/{id}/status: details, timing and performance for polling (seed 004). */
export async function getBatchStatus(batchId: string, now = new Date()): Promise<BatchStatusDetail> {
  const batch = await getBatchRowOrThrow(batchId);
  const isActive = IN_PROGRESS.includes(batch.status);
  if (batch.source === "URL_LIST") {
    const chunks = await getChunkRows(batchId);
    const counts = sumUrlCounts(chunks);
    const successful = counts.stored + counts.duplicate;
    const processed = successful + counts.failed;
    const remaining = counts.pending + counts.fetching;
    const average = runRate(batch, processed, now);
    const recent = recentChunkRate(chunks, now);
    const rate = isActive ? recent.rate : (average ?? 0);
    const etaSeconds = isActive && rate > 0 && remaining > 0 ? Math.round((remaining / rate) * 60) : null;
    const lastChunk = [...chunks].reverse().find((c) => c.finished > 0);
    return {
      batch_info: batchInfo(batch, counts.total, chunks.length),
      progress: {
        total: counts.total,
        processed_count: processed,
        successful_count: successful,
        failed_count: counts.failed,
        pending_count: remaining,
        cancelled_count: counts.cancelled,
        progress_percentage: pct(processed + counts.cancelled, counts.total),
        current_chunk: chunks.length === 0 ? null : currentChunkNumber(chunks),
        total_chunks: chunks.length,
        url_counts: counts,
      },
      timing: timing(batch, now, etaSeconds),
      performance: {
        processing_rate_per_minute: round1(rate),
        average_rate_per_minute: average === null ? null : round1(average),
        success_rate: processed > 0 ? round1((successful / processed) * 100) : null,
        average_time_per_url: await meanFetchSeconds(
          recent.chunkIds.length > 0 ? recent.chunkIds : lastChunk ? [lastChunk.id] : [],
        ),
      },
      polling_interval_seconds: pollingIntervalSeconds(batch.status, counts.total),
    };
  }
  const progress = await getBatchProgress(batchId);
  const processed = progress.processed + progress.failed;
  const average = runRate(batch, processed, now);
  return {
    batch_info: batchInfo(batch, progress.total, 0),
    progress: {
      total: progress.total,
      processed_count: processed,
      successful_count: progress.processed,
      failed_count: progress.failed,
      pending_count: progress.uploaded + progress.queued + progress.processing,
      cancelled_count: Math.max(
        0,
        progress.total - processed - progress.uploaded - progress.queued - progress.processing,
      ),
      progress_percentage: progress.percentage,
      current_chunk: null,
      total_chunks: 0,
      url_counts: null,
    },
    timing: timing(batch, now, progress.etaSeconds),
    performance: {
      processing_rate_per_minute: isActive ? progress.ratePerMinute : round1(average ?? 0),
      average_rate_per_minute: average === null ? null : round1(average),
      success_rate: processed > 0 ? round1((progress.processed / processed) * 100) : null,
      average_time_per_url: null,
    },
    polling_interval_seconds: pollingIntervalSeconds(batch.status, progress.total),
  };
}

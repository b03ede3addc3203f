import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { IN_PROGRESS, NOT_STARTED } from "./batch-lifecycle";
import { getBatchCounts } from "./batch-queries";

/** Counts, percentage, rate per minute (last 5 minutes of completions) and ETA for polling. */
export async function getBatchProgress(batchId: string) {
  const batch = await getPrisma().batch.findUnique({ where: { id: batchId }, select: { id: true, status: true } });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  const counts = (await getBatchCounts([batchId])).get(batchId)!;
  // The batch's own photos finished recently (index on batchId, processedAt): duplicates of photos
  // first sent in another batch are processed there and do not count towards this batch's rate.
  const recent = await getPrisma().$queryRaw<{ done: bigint; first: Date | null }[]>`
    SELECT count(*) AS done, min("processedAt") AS first FROM "Image"
    WHERE "batchId" = ${batchId}::uuid AND "processedAt" > now() - interval '5 minutes' AND "processingStatus" IN ('READY', 'FAILED')`;
  const done = Number(recent[0]?.done ?? 0);
  const first = recent[0]?.first;
  const minutes = first ? Math.max((Date.now() - first.getTime()) / 60_000, 1 / 60) : 0;
  const ratePerMinute = minutes > 0 ? Math.round((done / minutes) * 10) / 10 : 0;
  const finished = counts.processed + counts.failed;
  const remaining = counts.queued + counts.processing + (NOT_STARTED.includes(batch.status) ? 0 : counts.uploaded);
  return {
    batchId,
    status: batch.status,
    total: counts.total,
    uploaded: counts.uploaded,
    processed: counts.processed,
    failed: counts.failed,
    queued: counts.queued,
    processing: counts.processing,
    duplicates: counts.duplicates,
    percentage: counts.total === 0 ? 0 : Math.round((finished / counts.total) * 1000) / 10,
    ratePerMinute,
    etaSeconds: ratePerMinute > 0 && remaining > 0 ? Math.round((remaining / ratePerMinute) * 60) : null,
    pollIntervalSeconds: IN_PROGRESS.includes(batch.status) ? 2 : 15,
  };
}

import "server-only";
import { BATCH_STATUSES, IN_PROGRESS } from "@/lib/batches/batch-lifecycle";
import { getPrisma, Prisma, type BatchStatus } from "@/lib/db/client";
import { queueCounts, queueTotals } from "./queue-counts";
import type { SystemStats } from "./schemas";

/** Percent with one decimal, or null when nothing finished. */
export function successRate(succeeded: number, failed: number): number | null {
  const finished = succeeded + failed;
  return finished === 0 ? null : Math.round((succeeded / finished) * 1000) / 10;
}

/**
 * GET /api/v1/system/stats. What each figure reads:
 * - batches by status: GROUP BY over "Batch" (small; soft-deleted ones left out unless asked);
 * - photo totals: an index-only count of Image(processingStatus, batchId) for READY and FAILED
 *   (grows with the bank: the one O(photos) figure, narrow index, no heap);
 * - photos of the last 24 h: per batch, an index-only range of Image(batchId, processedAt)
 *   (processedAt is stamped when a photo ends READY or FAILED);
 * - URL totals: BatchUrl(batchId, status) ranges; URLs of the last 24 h only walk URL batches not
 *   finished before then;
 * - queues: ranges of pgboss.job's vitrine_job_state_completed index (queue-counts.ts).
 * The success rate is over finished items: ready photos against failed photos plus URLs that
 * failed before becoming a photo (a stored URL is counted once, as its photo).
 */
export async function getSystemStats(options: { includeSoftDeleted: boolean }): Promise<SystemStats> {
  const prisma = getPrisma();
  const softDeleted = options.includeSoftDeleted ? Prisma.sql`true` : Prisma.sql`b."deletedAt" IS NULL`;
  const [batchRows, imageRows, images24h, urlRows, urls24h, queues] = await Promise.all([
    prisma.$queryRaw<{ status: BatchStatus; n: number }[]>`
      SELECT b."status"::text AS status, count(*)::int AS n FROM "Batch" b WHERE ${softDeleted} GROUP BY b."status"`,
    prisma.$queryRaw<{ status: string; n: number }[]>`
      SELECT "processingStatus"::text AS status, count(*)::int AS n FROM "Image"
      WHERE "processingStatus" IN ('READY', 'FAILED') GROUP BY "processingStatus"`,
    prisma.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(sum(x.n), 0)::int AS n FROM "Batch" b CROSS JOIN LATERAL (
        SELECT count(*) AS n FROM "Image" i
        WHERE i."batchId" = b."id" AND i."processedAt" > now() - interval '24 hours') x`,
    prisma.$queryRaw<{ status: string; n: number }[]>`
      SELECT "status"::text AS status, count(*)::int AS n FROM "BatchUrl"
      WHERE "status" IN ('STORED', 'DUPLICATE', 'FAILED') GROUP BY "status"`,
    prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Batch" b JOIN "BatchUrl" u ON u."batchId" = b."id"
      WHERE b."source" = 'URL_LIST' AND (b."finishedAt" IS NULL OR b."finishedAt" > now() - interval '24 hours')
        AND u."status" IN ('STORED', 'DUPLICATE', 'FAILED')
        AND COALESCE(u."fetchedAt", u."updatedAt") > now() - interval '24 hours'`,
    queueCounts(),
  ]);
  const batchesByStatus = Object.fromEntries(BATCH_STATUSES.map((s) => [s, 0])) as Record<BatchStatus, number>;
  for (const row of batchRows) batchesByStatus[row.status] = row.n;
  const countOf = (rows: { status: string; n: number }[], ...statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((total, r) => total + r.n, 0);
  const ready = countOf(imageRows, "READY");
  const failedImages = countOf(imageRows, "FAILED");
  const failedUrls = countOf(urlRows, "FAILED");
  return {
    total_batches: Object.values(batchesByStatus).reduce((a, b) => a + b, 0),
    active_batches: IN_PROGRESS.reduce((total, s) => total + batchesByStatus[s], 0),
    completed_batches: batchesByStatus.COMPLETED + batchesByStatus.COMPLETED_WITH_ERRORS,
    batches_by_status: batchesByStatus,
    include_soft_deleted: options.includeSoftDeleted,
    total_urls_processed: countOf(urlRows, "STORED", "DUPLICATE", "FAILED"),
    urls_processed_last_24h: urls24h[0]?.n ?? 0,
    total_images_processed: ready + failedImages,
    images_processed_last_24h: images24h[0]?.n ?? 0,
    overall_success_rate: successRate(ready, failedImages + failedUrls),
    queue_stats: queueTotals(queues),
    queues,
    generated_at: new Date().toISOString(),
  };
}

import "server-only";
import { statusIn } from "@/lib/batches/batch-lifecycle";
import { URL_CHUNK_JOB } from "@/lib/batches/url-chunks/url-chunk-job";
import { getPrisma, Prisma, type BatchStatus } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB } from "@/lib/images/process-image-job";
import { liveJobExists } from "@/lib/jobs/live-jobs";
import type { StuckBatch } from "./schemas";
import { isBatchStuck, RESETTABLE_STATUSES, type BatchHealthFacts } from "./stuck-detection";

type FactsRow = BatchHealthFacts & { id: string; name: string; source: "UPLOAD" | "URL_LIST" };

/** Rows just marked for work get a moment to have their job sent (as recover-stalled-images.ts allows). */
const SEND_GRACE = Prisma.raw(`interval '30 seconds'`);

/**
 * Facts about batches a worker may hold rows of (RESETTABLE_STATUSES, not soft-deleted), or only
 * `batchId`'s. Per batch, index probes: its own photos processing or queued (Image(processingStatus,
 * batchId)) with no live job, its URLs fetching (BatchUrl(batchId, status)) and chunks running whose
 * chunk has no live job, its latest finished photo (Image(batchId, processedAt)) and chunk change.
 * Orphan counts stop at 1,000 (enough to say "stuck").
 */
export async function batchHealthFacts(batchId?: string): Promise<FactsRow[]> {
  const scope = batchId
    ? Prisma.sql`b."id" = ${batchId}::uuid`
    : Prisma.sql`${statusIn(Prisma.sql`b."status"`, RESETTABLE_STATUSES)} AND b."deletedAt" IS NULL`;
  return getPrisma().$queryRaw<FactsRow[]>`
    SELECT b."id"::text AS id, b."name", b."status"::text AS status, b."source"::text AS source,
      GREATEST(b."updatedAt", b."startedAt", p.last_processed, c.last_chunk) AS "lastProgressAt",
      (SELECT count(*)::int FROM (
        SELECT 1 FROM "Image" i
        WHERE i."batchId" = b."id" AND i."processingStatus" IN ('QUEUED', 'PROCESSING') AND i."updatedAt" < now() - ${SEND_GRACE}
          AND NOT ${liveJobExists(PROCESS_IMAGE_JOB, "imageId", Prisma.sql`i."id"`)} LIMIT 1000) o) AS "orphanImages",
      (SELECT count(*)::int FROM (
        SELECT 1 FROM "BatchUrl" u
        WHERE u."batchId" = b."id" AND u."status" = 'FETCHING' AND u."updatedAt" < now() - ${SEND_GRACE}
          AND NOT ${liveJobExists(URL_CHUNK_JOB, "chunkId", Prisma.sql`u."chunkId"`)} LIMIT 1000) o) AS "orphanUrls",
      (SELECT count(*)::int FROM "BatchChunk" ch
        WHERE ch."batchId" = b."id" AND ch."status" = 'RUNNING' AND ch."updatedAt" < now() - ${SEND_GRACE}
          AND NOT ${liveJobExists(URL_CHUNK_JOB, "chunkId", Prisma.sql`ch."id"`)}) AS "orphanChunks"
    FROM "Batch" b
    LEFT JOIN LATERAL (SELECT max(i."processedAt") AS last_processed FROM "Image" i WHERE i."batchId" = b."id") p ON true
    LEFT JOIN LATERAL (SELECT max(ch."updatedAt") AS last_chunk FROM "BatchChunk" ch WHERE ch."batchId" = b."id") c ON true
    WHERE ${scope}`;
}

export function toStuckBatch(row: FactsRow, now: Date): StuckBatch {
  return {
    batch_id: row.id,
    batch_name: row.name,
    status: row.status as BatchStatus,
    source: row.source,
    idle_seconds: Math.max(0, Math.round((now.getTime() - row.lastProgressAt.getTime()) / 1000)),
    orphan_images: row.orphanImages,
    orphan_urls: row.orphanUrls,
    orphan_chunks: row.orphanChunks,
  };
}

/** Batches that look stuck (stuck-detection.ts), the longest idle first. */
export async function findStuckBatches(limit: number, now = new Date()): Promise<StuckBatch[]> {
  const rows = await batchHealthFacts();
  return rows
    .filter((row) => isBatchStuck(row, now))
    .map((row) => toStuckBatch(row, now))
    .sort((a, b) => b.idle_seconds - a.idle_seconds)
    .slice(0, limit);
}

import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { finishBatchIfDone, RUNNING } from "@/lib/batches/batch-lifecycle";
import { enqueueImageJobs } from "@/lib/batches/enqueue-images";
import { URL_CHUNK_JOB, urlChunkJob } from "@/lib/batches/url-chunks/url-chunk-job";
import { getPrisma, Prisma, type BatchStatus } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB } from "@/lib/images/process-image-job";
import { insertJobs } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { getLogger } from "@/lib/log/logger";
import { batchHealthFacts } from "./find-stuck-batches";
import { liveJobExists } from "@/lib/jobs/live-jobs";
import type { BatchResetResult } from "./schemas";
import { isBatchStuck, RESETTABLE_STATUSES } from "./stuck-detection";

const log = getLogger("SYSTEM");

/** What a row no worker holds goes back to, by the batch's status. */
function targets(status: BatchStatus) {
  if (status === "CANCELLED") return { image: "CANCELLED", url: "CANCELLED", chunk: "CANCELLED" } as const;
  if (status === "PAUSED") return { image: "QUEUED", url: "PENDING", chunk: "PAUSED" } as const;
  return { image: "QUEUED", url: "PENDING", chunk: "PENDING" } as const;
}

/**
 * POST /api/v1/admin/batches/{id}/reset: a stuck batch back to a consistent state. Only rows no live
 * job holds are moved (each UPDATE re-checks the row's state and the job in the same statement, so a
 * worker that holds a row keeps it):
 * - its photos PROCESSING with no live image job → QUEUED (CANCELLED in a cancelled batch);
 * - its URLs FETCHING and chunks RUNNING with no live chunk job → PENDING (PAUSED chunks in a paused
 *   batch; CANCELLED in a cancelled one);
 * - a running batch (QUEUED/PROCESSING) gets an image job for every photo queued with no live job
 *   (as recover-stalled-images.ts does) and a chunk job for every chunk with URLs left and no live
 *   job (as enqueue-url-chunks.ts), then its status is recomputed by finishBatchIfDone.
 * A paused batch keeps its photos queued for "Retomar" (which sends their jobs). Without `force` a
 * batch that does not look stuck (stuck-detection.ts) is refused with BATCH_NOT_STUCK.
 */
export async function resetBatch(
  actor: SessionUser,
  batchId: string,
  options: { force: boolean },
): Promise<BatchResetResult> {
  const prisma = getPrisma();
  const [facts] = await batchHealthFacts(batchId);
  if (!facts) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  if (!RESETTABLE_STATUSES.includes(facts.status))
    throw new ApiError("BATCH_NOT_RESETTABLE", `Um lote com status ${facts.status} não tem trabalho a reiniciar.`, {
      status: facts.status,
    });
  if (!options.force && !isBatchStuck(facts, new Date()))
    throw new ApiError("BATCH_NOT_STUCK", "O lote não parece parado; use force para reiniciá-lo mesmo assim.");
  const to = targets(facts.status);
  const isRunning = RUNNING.includes(facts.status);

  const imagesReset = await prisma.$executeRaw`
    UPDATE "Image" i SET "processingStatus" = ${to.image}::"ProcessingStatus", "updatedAt" = now()
    WHERE i."id" IN (SELECT u."imageId" FROM "BatchUpload" u WHERE u."batchId" = ${batchId}::uuid)
      AND i."processingStatus" = 'PROCESSING'
      AND NOT ${liveJobExists(PROCESS_IMAGE_JOB, "imageId", Prisma.sql`i."id"`)}`;
  const urlsReset = await prisma.$executeRaw`
    UPDATE "BatchUrl" u SET "status" = ${to.url}::"BatchUrlStatus", "startedAt" = NULL, "updatedAt" = now()
    WHERE u."batchId" = ${batchId}::uuid AND u."status" = 'FETCHING'
      AND NOT ${liveJobExists(URL_CHUNK_JOB, "chunkId", Prisma.sql`u."chunkId"`)}`;
  const chunksReset = await prisma.$executeRaw`
    UPDATE "BatchChunk" c SET "status" = ${to.chunk}::"BatchChunkStatus", "worker" = NULL, "updatedAt" = now()
    WHERE c."batchId" = ${batchId}::uuid AND c."status" = 'RUNNING'
      AND NOT ${liveJobExists(URL_CHUNK_JOB, "chunkId", Prisma.sql`c."id"`)}`;

  let imagesRequeued = 0;
  let chunkJobsSent = 0;
  if (isRunning) {
    const queued = await prisma.$queryRaw<{ id: string }[]>`
      SELECT i."id"::text AS id FROM "Image" i
      WHERE i."id" IN (SELECT u."imageId" FROM "BatchUpload" u WHERE u."batchId" = ${batchId}::uuid)
        AND i."processingStatus" = 'QUEUED'
        AND NOT ${liveJobExists(PROCESS_IMAGE_JOB, "imageId", Prisma.sql`i."id"`)}`;
    await enqueueImageJobs(queued.map((r) => r.id));
    imagesRequeued = queued.length;
    const chunks = await prisma.$queryRaw<{ id: string }[]>`
      SELECT c."id"::text AS id FROM "BatchChunk" c
      WHERE c."batchId" = ${batchId}::uuid
        AND EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."chunkId" = c."id" AND u."status" = 'PENDING')
        AND NOT ${liveJobExists(URL_CHUNK_JOB, "chunkId", Prisma.sql`c."id"`)}
      ORDER BY c."index"`;
    if (chunks.length > 0) {
      await ensureQueue(urlChunkJob);
      await insertJobs(
        URL_CHUNK_JOB,
        chunks.map((c) => ({ data: { chunkId: c.id } })),
      );
    }
    chunkJobsSent = chunks.length;
    // URLs still to fetch keep the batch running whatever finishBatchIfDone knows about URLs.
    const urlLeft = await prisma.batchUrl.findFirst({
      where: { batchId, status: { in: ["PENDING", "FETCHING"] } },
      select: { id: true },
    });
    if (!urlLeft) await finishBatchIfDone(batchId);
  }
  const after = await prisma.batch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } });
  const result: BatchResetResult = {
    batch_id: batchId,
    status_before: facts.status,
    status: after.status,
    images_reset: imagesReset,
    images_requeued: imagesRequeued,
    urls_reset: urlsReset,
    chunks_reset: chunksReset,
    chunk_jobs_sent: chunkJobsSent,
    forced: options.force,
  };
  await recordAudit({ userId: actor.id, action: "BATCH_RESET", entityType: "Batch", entityId: batchId, data: result });
  log.warn({ action: "BATCH_RESET", userId: actor.id, ...result }, "Lote reiniciado pelo administrador");
  return result;
}

import { getPrisma, Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { finishBatchIfDone, RUNNING, statusIn } from "../batch-lifecycle";
import { insertJobs } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { URL_CHUNK_JOB, urlChunkJob } from "./url-chunk-job";
import { urlLeaseSeconds } from "./url-chunk-handler";

const log = getLogger("BATCH");

/**
 * Safety net for URL batches after a crash (runs when workers start and every 30 s): URLs a dead
 * worker held past the lease go back to PENDING (CANCELLED in a cancelled batch); chunks of running
 * batches with URLs to fetch and no live job get one again; a running URL batch with nothing left to
 * fetch whose finish was lost with its worker is finished.
 */
export async function recoverStalledUrlChunks(): Promise<number> {
  const prisma = getPrisma();
  const lease = urlLeaseSeconds();
  const released = await prisma.$executeRaw`
    UPDATE "BatchUrl" u SET
      "status" = (CASE WHEN b."status" = 'CANCELLED' THEN 'CANCELLED' ELSE 'PENDING' END)::"BatchUrlStatus",
      "startedAt" = NULL, "updatedAt" = now()
    FROM "Batch" b
    WHERE b."id" = u."batchId" AND u."status" = 'FETCHING' AND u."startedAt" < now() - make_interval(secs => ${lease})`;
  const stalled = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c."id"::text AS id FROM "BatchChunk" c JOIN "Batch" b ON b."id" = c."batchId"
    WHERE ${statusIn(Prisma.sql`b."status"`, RUNNING)}
      AND EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."chunkId" = c."id" AND u."status" = 'PENDING')
      AND NOT EXISTS (
        SELECT 1 FROM pgboss.job j
        WHERE j."name" = ${URL_CHUNK_JOB} AND j."data"->>'chunkId' = c."id"::text
          -- A job active for longer than the lease is a dead worker's: a live one re-sends itself long before.
          AND (j."state" IN ('created', 'retry') OR (j."state" = 'active' AND j."started_on" > now() - make_interval(secs => ${lease}))))
    LIMIT 1000`;
  if (stalled.length > 0) {
    await ensureQueue(urlChunkJob);
    await insertJobs(
      URL_CHUNK_JOB,
      stalled.map((chunk) => ({ data: { chunkId: chunk.id } })),
    );
  }
  const chunks = stalled.length;
  const idle = await prisma.$queryRaw<{ id: string }[]>`
    SELECT b."id"::text AS id FROM "Batch" b
    WHERE b."source" = 'URL_LIST' AND ${statusIn(Prisma.sql`b."status"`, RUNNING)}
      AND NOT EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."batchId" = b."id" AND u."status" IN ('PENDING', 'FETCHING'))
    LIMIT 1000`;
  if (idle.length > 0)
    await prisma.$executeRaw`
      UPDATE "BatchChunk" c SET "status" = 'COMPLETED', "finishedAt" = COALESCE(c."finishedAt", now()), "updatedAt" = now()
      WHERE c."batchId" = ANY(${idle.map((b) => b.id)}::uuid[]) AND c."status" IN ('PENDING', 'RUNNING')`;
  for (const { id } of idle) await finishBatchIfDone(id);
  if (released > 0 || chunks > 0)
    log.warn({ action: "RECOVER_URL_CHUNKS", urls: released, chunks }, "Retomando blocos de URLs parados");
  return released + chunks;
}

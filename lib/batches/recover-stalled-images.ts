import { getPrisma, Prisma } from "@/lib/db/client";
import { processingLeaseSeconds } from "@/lib/images/process-image";
import { PROCESS_IMAGE_JOB } from "@/lib/images/process-image-job";
import { getLogger } from "@/lib/log/logger";
import { finishBatchIfDone, RUNNING, statusIn } from "./batch-lifecycle";
import { enqueueImageJobs } from "./enqueue-images";
import { liveJobExists } from "@/lib/jobs/live-jobs";

const log = getLogger("BATCH");

/**
 * Safety net after a crash or a race: images of running batches that are queued (or held by a
 * worker whose lease expired) but have no live job in the queue get their job sent again — e.g. a
 * process killed between marking images queued and sending their jobs. A file still waiting
 * (UPLOADED) in a running batch is queued too: its upload was recorded just as the batch was started,
 * after the start had queued the batch's files. A running batch with nothing left to process is
 * finished: a process killed (or a database lost) between its last photo's write and that photo's
 * finishBatchIfDone would otherwise leave it PROCESSING for good. Runs when workers start and every 30 s.
 */
export async function recoverStalledImages(): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ id: string }[]>`
    WITH stalled AS (
      SELECT i."id", i."processingStatus" FROM "Image" i JOIN "Batch" b ON b."id" = i."batchId"
      WHERE ${statusIn(Prisma.sql`b."status"`, RUNNING)}
        AND ((i."processingStatus" IN ('QUEUED', 'UPLOADED') AND i."updatedAt" < now() - interval '30 seconds')
          OR (i."processingStatus" = 'PROCESSING' AND i."processingStartedAt" < now() - make_interval(secs => ${processingLeaseSeconds()})))
        AND NOT ${liveJobExists(PROCESS_IMAGE_JOB, "imageId", Prisma.sql`i."id"`)}
      LIMIT 20000
    ), requeued AS (
      UPDATE "Image" SET "processingStatus" = 'QUEUED', "updatedAt" = now()
      WHERE "id" IN (SELECT "id" FROM stalled WHERE "processingStatus" = 'UPLOADED') AND "processingStatus" = 'UPLOADED'
    )
    SELECT "id"::text AS id FROM stalled`;
  await finishIdleBatches();
  if (rows.length === 0) return 0;
  await enqueueImageJobs(rows.map((r) => r.id));
  log.warn({ action: "RECOVER_STALLED", images: rows.length }, "Reenfileirando imagens paradas");
  return rows.length;
}

/** Running file batches untouched for 30 s none of whose files is pending; URL batches have their own sweep. */
async function finishIdleBatches(): Promise<void> {
  const idle = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT b."id"::text AS id FROM "Batch" b
    WHERE ${statusIn(Prisma.sql`b."status"`, RUNNING)} AND b."source" <> 'URL_LIST'
      AND b."updatedAt" < now() - interval '30 seconds'
      AND NOT EXISTS (
        SELECT 1 FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
        WHERE u."batchId" = b."id" AND i."processingStatus" IN ('QUEUED', 'PROCESSING', 'UPLOADED'))
    LIMIT 1000`;
  for (const { id } of idle) await finishBatchIfDone(id);
}

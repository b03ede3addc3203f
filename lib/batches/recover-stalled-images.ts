import { getPrisma, Prisma } from "@/lib/db/client";
import { processingLeaseSeconds } from "@/lib/images/process-image";
import { PROCESS_IMAGE_JOB } from "@/lib/images/process-image-job";
import { getLogger } from "@/lib/log/logger";
import { RUNNING, statusIn } from "./batch-lifecycle";
import { enqueueImageJobs } from "./enqueue-images";

const log = getLogger("BATCH");

/**
 * Safety net after a crash: images of running batches that are queued (or held by a worker whose
 * lease expired) but have no live job in the queue get their job sent again — e.g. a process killed
 * between marking images queued and sending their jobs. Runs when workers start and every 30 s.
 */
export async function recoverStalledImages(): Promise<number> {
  const rows = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT i."id"::text AS id FROM "Image" i JOIN "Batch" b ON b."id" = i."batchId"
    WHERE ${statusIn(Prisma.sql`b."status"`, RUNNING)}
      AND ((i."processingStatus" = 'QUEUED' AND i."updatedAt" < now() - interval '30 seconds')
        OR (i."processingStatus" = 'PROCESSING' AND i."processingStartedAt" < now() - make_interval(secs => ${processingLeaseSeconds()})))
      AND NOT EXISTS (
        SELECT 1 FROM pgboss.job j
        WHERE j."name" = ${PROCESS_IMAGE_JOB} AND j."state" IN ('created', 'retry', 'active') AND j."data"->>'imageId' = i."id"::text)
    LIMIT 20000`;
  if (rows.length === 0) return 0;
  await enqueueImageJobs(rows.map((r) => r.id));
  log.warn({ action: "RECOVER_STALLED", images: rows.length }, "Reenfileirando imagens paradas");
  return rows.length;
}

import { getPrisma, Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { enqueueGeneration, GENERATION_JOB } from "./generation-job";
import { liveJobExists } from "@/lib/jobs/live-jobs";

const log = getLogger("GENERATION");

/**
 * Safety net (at worker start and every 30 s): generation jobs QUEUED or RUNNING with no live
 * pg-boss job get one again — a process killed mid-job, or a job that used up its retries. The
 * item claims' lease hands over what the dead worker held; an item whose image was stored is
 * marked done without a new request (its upload id is found).
 */
export async function recoverStalledGeneration(): Promise<number> {
  const stalled = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT g."id"::text AS id FROM "GenerationJob" g
    WHERE g."status" IN ('QUEUED', 'RUNNING')
      AND NOT ${liveJobExists(GENERATION_JOB, "jobId", Prisma.sql`g."id"`)}
    LIMIT 100`;
  for (const { id } of stalled) await enqueueGeneration(id);
  if (stalled.length > 0) log.warn({ action: "GENERATION_RECOVERED", jobs: stalled.length }, "Gerações retomadas");
  return stalled.length;
}

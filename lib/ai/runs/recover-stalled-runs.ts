import { getPrisma, Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { AI_RUN_JOB } from "./ai-run-job";
import { enqueueRun } from "./enqueue-run";
import { resumeRun } from "./run-control";
import { liveJobExists } from "@/lib/jobs/live-jobs";

const log = getLogger("AI");

/**
 * Safety net (every 30 s in every worker process): runs QUEUED or RUNNING with no live job get one
 * again — a process killed between creating a run and sending its job, or a job that used up its
 * retries — and runs PAUSED for want of keys resume by themselves once a vision key was added or
 * re-enabled after the pause (the key row changed after the run did; a run that finds no key again
 * pauses again). The job's own claims (a lease per photo) take over what the dead worker held.
 */
export async function recoverStalledRuns(): Promise<number> {
  const prisma = getPrisma();
  const stalled = await prisma.$queryRaw<{ id: string }[]>`
    SELECT r."id"::text AS id FROM "AiRun" r
    WHERE r."status" IN ('QUEUED', 'RUNNING') AND r."updatedAt" < now() - interval '30 seconds'
      AND NOT ${liveJobExists(AI_RUN_JOB, "runId", Prisma.sql`r."id"`)}
    LIMIT 100`;
  for (const { id } of stalled) await enqueueRun(id);
  const paused = await prisma.$queryRaw<{ id: string }[]>`
    SELECT r."id"::text AS id FROM "AiRun" r
    WHERE r."status" = 'PAUSED'
      AND EXISTS (SELECT 1 FROM "AiProviderKey" k
        WHERE k."status" = 'ACTIVE' AND 'vision' = ANY(k."capabilities") AND k."updatedAt" > r."updatedAt"
          AND (k."cooldownUntil" IS NULL OR k."cooldownUntil" < now()))
    LIMIT 100`;
  for (const { id } of paused) await resumeRun(null, id);
  if (stalled.length + paused.length > 0)
    log.warn(
      { action: "AI_RUNS_RECOVERED", stalled: stalled.length, resumed: paused.length },
      "Análises de IA retomadas",
    );
  return stalled.length + paused.length;
}

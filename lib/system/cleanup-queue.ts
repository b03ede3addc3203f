import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { getBoss } from "@/lib/jobs/boss";
import { getLogger } from "@/lib/log/logger";
import { findStuckJobs } from "./find-stuck-jobs";
import { JOB_TYPE_ALIASES, type QueueCleanupInput, type QueueCleanupResult } from "./schemas";
import { APP_QUEUES } from "@/lib/jobs/live-jobs";

const log = getLogger("SYSTEM");

/** Rows per DELETE: short statements, so workers writing the same partitions never wait long. */
const DELETE_CHUNK = 5000;

/** The queues `job_types` names (queue names or the seed's job types); all queues when absent. */
async function resolveQueues(jobTypes: string[] | undefined): Promise<string[]> {
  const existing = (
    await getPrisma().$queryRaw<{ name: string }[]>`SELECT q."name" FROM ${APP_QUEUES} q ORDER BY q."name"`
  ).map((q) => q.name);
  if (!jobTypes) return existing;
  const wanted = [...new Set(jobTypes.map((type) => JOB_TYPE_ALIASES[type] ?? type))];
  const unknown = wanted.find((name) => !existing.includes(name));
  if (unknown) throw new ApiError("UNKNOWN_QUEUE", `Fila desconhecida: ${unknown}.`, { name: unknown });
  return wanted;
}

/**
 * POST /api/v1/admin/queue/cleanup. Safe while workers run, because it only touches what no worker
 * holds, or hands back what pg-boss itself would take back:
 * 1. finished jobs (completed, cancelled, failed) of the chosen queues whose `completed_on` is older
 *    than the threshold are deleted from pgboss.job (workers only ever update active jobs; pg-boss's
 *    maintenance would archive them at 12 h anyway), in chunks of 5,000 (index range on
 *    vitrine_job_state_completed);
 * 2. rows archived longer ago than the threshold are deleted from pgboss.archive (archive_i1);
 * 3. active jobs past their lease (`started_on + expire_in`) are failed through pg-boss's `fail()`:
 *    retried when attempts remain, failed otherwise — what its supervisor does at its next pass;
 * 4. jobs waiting with no worker are left queued (a worker that starts takes them) and counted.
 * Jobs waiting or running within their lease are never touched.
 */
export async function cleanupQueue(actor: SessionUser, input: QueueCleanupInput): Promise<QueueCleanupResult> {
  const queues = await resolveQueues(input.job_types);
  const hours = input.older_than_hours;
  const prisma = getPrisma();
  let deletedJobs = 0;
  let deletedArchived = 0;
  if (queues.length > 0) {
    for (;;) {
      const n = await prisma.$executeRaw`
        DELETE FROM pgboss.job WHERE ("name", "id") IN (
          SELECT j."name", j."id" FROM pgboss.job j
          WHERE j."name" = ANY(${queues}::text[]) AND j."state" IN ('completed', 'cancelled', 'failed')
            AND j."completed_on" < now() - make_interval(hours => ${hours})
          LIMIT ${DELETE_CHUNK})`;
      deletedJobs += n;
      if (n < DELETE_CHUNK) break;
    }
    for (;;) {
      const n = await prisma.$executeRaw`
        DELETE FROM pgboss.archive WHERE ("name", "id") IN (
          SELECT a."name", a."id" FROM pgboss.archive a
          WHERE a."archived_on" < now() - make_interval(hours => ${hours}) AND a."name" = ANY(${queues}::text[])
          LIMIT ${DELETE_CHUNK})`;
      deletedArchived += n;
      if (n < DELETE_CHUNK) break;
    }
  }
  const stuck = await findStuckJobs(1);
  let releasedExpired = 0;
  let waitingWithoutWorker = 0;
  const boss = await getBoss();
  // pg-boss 10's fail(name, ids[], data) exists at run time (manager.js) and answers
  // {jobs, requested, affected}; its types only list (name, ids, options) returning void.
  const fail = boss.fail.bind(boss) as unknown as (
    name: string,
    ids: string[],
    data: object,
  ) => Promise<{ affected?: number } | undefined>;
  for (const queue of stuck.queues.filter((q) => queues.includes(q.name))) {
    if (queue.expiredIds.length > 0) {
      const result = await fail(queue.name, queue.expiredIds, {
        message: "Liberado pela limpeza da fila: ativo além do prazo (expireIn).",
      });
      releasedExpired += result?.affected ?? 0;
    }
    if (queue.isStalled) waitingWithoutWorker += queue.waitingPastThreshold;
  }
  const result: QueueCleanupResult = {
    queues,
    older_than_hours: hours,
    deleted_jobs: deletedJobs,
    deleted_archived: deletedArchived,
    released_expired: releasedExpired,
    waiting_without_worker: waitingWithoutWorker,
  };
  await recordAudit({
    userId: actor.id,
    action: "QUEUE_CLEANUP",
    entityType: "Queue",
    entityId: null,
    data: result,
  });
  log.info({ action: "QUEUE_CLEANUP", userId: actor.id, ...result, queues: queues.join(",") }, "Limpeza da fila");
  return result;
}

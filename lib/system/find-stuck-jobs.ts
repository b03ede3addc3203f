import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { StuckJob } from "./schemas";
import { isQueueStalled, STUCK_WAIT_SECONDS, stuckAgeSeconds, stuckReason, type LiveJob } from "./stuck-detection";
import { APP_QUEUES } from "@/lib/jobs/live-jobs";

type JobRow = LiveJob & { id: string; queue: string; createdOn: Date; retryCount: number };

export type QueueStuckFacts = {
  name: string;
  expireInSeconds: number | null;
  oldestReadyAt: Date | null;
  lastActivityAt: Date | null;
  isStalled: boolean;
  /** Active jobs past their lease (ids, for the cleanup). */
  expiredIds: string[];
  /** Ready jobs that waited past the threshold (counted; all stuck when the queue is stalled). */
  waitingPastThreshold: number;
  stuck: number;
};

/**
 * Stuck jobs of every queue (stuck-detection.ts decides; these queries prefilter, each an index
 * range): active jobs past `started_on + expire_in` (vitrine_job_state_completed: the queue's
 * active jobs), ready jobs that waited past the threshold (pg-boss's job_i5 on (name, start_after)
 * WHERE state < 'active'), and each queue's last worker activity (the newest started_on of its
 * active jobs, completed_on of its completed and failed ones: a backward step of the same index).
 */
export async function findStuckJobs(
  limit: number,
  now = new Date(),
  waitSeconds = STUCK_WAIT_SECONDS,
): Promise<{ queues: QueueStuckFacts[]; jobs: StuckJob[] }> {
  const prisma = getPrisma();
  const waitedBefore = new Date(now.getTime() - waitSeconds * 1000);
  const [queueRows, expired, waiting] = await Promise.all([
    prisma.$queryRaw<
      {
        name: string;
        expireSeconds: number | null;
        oldestReadyAt: Date | null;
        lastActivityAt: Date | null;
        waitingPast: number;
      }[]
    >`
      SELECT q."name", q."expire_seconds" AS "expireSeconds",
        (SELECT min(j."start_after") FROM pgboss.job j
          WHERE j."name" = q."name" AND j."state" < 'active' AND j."start_after" <= ${now}) AS "oldestReadyAt",
        GREATEST(
          (SELECT max(j."started_on") FROM pgboss.job j WHERE j."name" = q."name" AND j."state" = 'active'),
          (SELECT max(j."completed_on") FROM pgboss.job j WHERE j."name" = q."name" AND j."state" = 'completed'),
          (SELECT max(j."completed_on") FROM pgboss.job j WHERE j."name" = q."name" AND j."state" = 'failed')
        ) AS "lastActivityAt",
        (SELECT count(*)::int FROM pgboss.job j
          WHERE j."name" = q."name" AND j."state" < 'active' AND j."start_after" <= ${waitedBefore}) AS "waitingPast"
      FROM ${APP_QUEUES} q ORDER BY q."name"`,
    prisma.$queryRaw<(JobRow & { id: string })[]>`
      SELECT j."id"::text AS id, j."name" AS queue, j."state"::text AS state, j."start_after" AS "startAfter",
        j."started_on" AS "startedOn", EXTRACT(epoch FROM j."expire_in")::float8 AS "expireInSeconds",
        j."created_on" AS "createdOn", j."retry_count" AS "retryCount"
      FROM ${APP_QUEUES} q CROSS JOIN LATERAL (
        SELECT * FROM pgboss.job j WHERE j."name" = q."name" AND j."state" = 'active'
          AND j."started_on" + j."expire_in" < ${now} LIMIT 1000) j`,
    prisma.$queryRaw<JobRow[]>`
      SELECT j."id"::text AS id, j."name" AS queue, j."state"::text AS state, j."start_after" AS "startAfter",
        j."started_on" AS "startedOn", EXTRACT(epoch FROM j."expire_in")::float8 AS "expireInSeconds",
        j."created_on" AS "createdOn", j."retry_count" AS "retryCount"
      FROM ${APP_QUEUES} q CROSS JOIN LATERAL (
        SELECT * FROM pgboss.job j WHERE j."name" = q."name" AND j."state" < 'active'
          AND j."start_after" <= ${waitedBefore} ORDER BY j."start_after" LIMIT ${limit}) j`,
  ]);
  const lastActivity = new Map(queueRows.map((q) => [q.name, q.lastActivityAt]));
  const jobs: StuckJob[] = [];
  const expiredByQueue = new Map<string, string[]>();
  for (const job of [...expired, ...waiting]) {
    const reason = stuckReason(job, now, lastActivity.get(job.queue) ?? null, waitSeconds);
    if (!reason) continue;
    if (reason === "EXPIRED_ACTIVE") expiredByQueue.set(job.queue, [...(expiredByQueue.get(job.queue) ?? []), job.id]);
    jobs.push({
      id: job.id,
      queue: job.queue,
      state: job.state,
      reason,
      age_seconds: stuckAgeSeconds(job, reason, now),
      retry_count: job.retryCount,
      created_on: job.createdOn.toISOString(),
      started_on: job.startedOn?.toISOString() ?? null,
    });
  }
  jobs.sort((a, b) => b.age_seconds - a.age_seconds);
  const queues = queueRows.map((q): QueueStuckFacts => {
    const isStalled = isQueueStalled(q.oldestReadyAt, q.lastActivityAt, now, waitSeconds);
    const expiredIds = expiredByQueue.get(q.name) ?? [];
    return {
      name: q.name,
      expireInSeconds: q.expireSeconds,
      oldestReadyAt: q.oldestReadyAt,
      lastActivityAt: q.lastActivityAt,
      isStalled,
      expiredIds,
      waitingPastThreshold: q.waitingPast,
      stuck: expiredIds.length + (isStalled ? q.waitingPast : 0),
    };
  });
  return { queues, jobs: jobs.slice(0, limit) };
}

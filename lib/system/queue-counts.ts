import "server-only";
import { getPrisma, Prisma } from "@/lib/db/client";
import type { z } from "zod";
import type { queueCountsSchema, queueTotalsSchema } from "./schemas";
import { APP_QUEUES } from "@/lib/jobs/live-jobs";

type QueueCounts = z.infer<typeof queueCountsSchema>;

/** The statement of queueCounts (tests read its plan). */
export function queueCountsSql(): Prisma.Sql {
  return Prisma.sql`
    SELECT q."name", c."state"::text AS state, false AS recent, c.n FROM ${APP_QUEUES} q
    CROSS JOIN LATERAL (
      SELECT j."state", count(*)::int AS n FROM pgboss.job j
      WHERE j."name" = q."name" AND j."state" IN ('created', 'retry', 'active', 'failed') GROUP BY j."state") c
    UNION ALL
    SELECT q."name", c."state"::text AS state, true AS recent, c.n FROM ${APP_QUEUES} q
    CROSS JOIN LATERAL (
      SELECT j."state", count(*)::int AS n FROM pgboss.job j
      WHERE j."name" = q."name" AND j."state" IN ('completed', 'failed') AND j."completed_on" >= now() - interval '1 hour'
      GROUP BY j."state") c`;
}

/**
 * Every pg-boss queue (pgboss.queue) with its jobs by state. pg-boss 10 keeps a finished job in
 * pgboss.job (its own partition per queue) with `completed_on` for 12 h (archiveCompletedAfterSeconds,
 * default, not changed here) before moving it to pgboss.archive, so the last hour is all in
 * pgboss.job. Each count is a range of the index vitrine_job_state_completed (name, state,
 * completed_on) inside the queue's partition: the waiting/active/failed jobs and the last hour's
 * finished ones, never the 12 h of completed jobs.
 */
export async function queueCounts(): Promise<QueueCounts[]> {
  const rows =
    await getPrisma().$queryRaw<{ name: string; state: string; recent: boolean; n: number }[]>(queueCountsSql());
  const names = await getPrisma().$queryRaw<{ name: string }[]>`SELECT q."name" FROM ${APP_QUEUES} q ORDER BY q."name"`;
  const byName = new Map<string, QueueCounts>(
    names.map(({ name }) => [
      name,
      { name, pending: 0, active: 0, retrying: 0, failed: 0, completed_last_hour: 0, failed_last_hour: 0 },
    ]),
  );
  for (const row of rows) {
    const queue = byName.get(row.name);
    if (!queue) continue;
    if (row.recent) {
      if (row.state === "completed") queue.completed_last_hour = row.n;
      else queue.failed_last_hour = row.n;
    } else if (row.state === "created") queue.pending = row.n;
    else if (row.state === "retry") queue.retrying = row.n;
    else if (row.state === "active") queue.active = row.n;
    else queue.failed = row.n;
  }
  return [...byName.values()];
}

/** The seed's `queue_stats`: every queue summed. */
export function queueTotals(queues: readonly QueueCounts[]): z.infer<typeof queueTotalsSchema> {
  const sum = (pick: (q: QueueCounts) => number) => queues.reduce((total, q) => total + pick(q), 0);
  return {
    pending: sum((q) => q.pending),
    processing: sum((q) => q.active),
    retrying: sum((q) => q.retrying),
    failed: sum((q) => q.failed),
    completed_last_hour: sum((q) => q.completed_last_hour),
  };
}

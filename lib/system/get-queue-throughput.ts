import "server-only";
import { getPrisma, Prisma } from "@/lib/db/client";
import { THROUGHPUT_MINUTES, type QueueThroughput } from "./schemas";
import { perMinuteSeries, seriesStart } from "./throughput-series";
import { APP_QUEUES } from "@/lib/jobs/live-jobs";

/** The statement of getQueueThroughput: jobs of each queue that ended since `from`, by minute (tests read its plan). */
export function throughputSql(from: Date): Prisma.Sql {
  return Prisma.sql`
      SELECT q."name" AS queue, date_trunc('minute', x."completed_on") AS minute,
        (count(*) FILTER (WHERE x."state" = 'completed'))::int AS completed,
        (count(*) FILTER (WHERE x."state" = 'failed'))::int AS failed
      FROM ${APP_QUEUES} q CROSS JOIN LATERAL (
        SELECT j."state", j."completed_on" FROM pgboss.job j
        WHERE j."name" = q."name" AND j."state" IN ('completed', 'failed') AND j."completed_on" >= ${from}) x
      GROUP BY 1, 2`;
}

/**
 * GET /api/v1/admin/queue/throughput: jobs finished per minute and queue over the last hour, from
 * pg-boss's own `completed_on` (kept in pgboss.job for 12 h, so the hour is all there). `completed`
 * is pg-boss's completed state (the handler returned, whatever it reported); `failed` is a job that
 * failed for good (an attempt that will be retried is not counted). One range of
 * vitrine_job_state_completed per queue and state.
 */
export async function getQueueThroughput(now = new Date()): Promise<QueueThroughput> {
  const from = seriesStart(now, THROUGHPUT_MINUTES);
  const prisma = getPrisma();
  const [rows, names] = await Promise.all([
    prisma.$queryRaw<{ queue: string; minute: Date; completed: number; failed: number }[]>(throughputSql(from)),
    prisma.$queryRaw<{ name: string }[]>`SELECT q."name" FROM ${APP_QUEUES} q`,
  ]);
  const series = perMinuteSeries(
    rows,
    names.map((n) => n.name),
    now,
    THROUGHPUT_MINUTES,
  );
  return {
    minutes: THROUGHPUT_MINUTES,
    from: series.from.toISOString(),
    to: now.toISOString(),
    queues: series.queues,
    total: series.total,
  };
}

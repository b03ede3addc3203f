import { Prisma } from "@/lib/db/client";

/** pg-boss states of a job that still runs or will: a row in one of them is held by a live job. */
export const LIVE_JOB_STATES = Prisma.raw(`('created', 'retry', 'active')`);

/**
 * True in SQL when a live job of `queue` carries `idSql` in its payload field `key` (as
 * recover-stalled-images.ts checks). pg-boss has no index on the payload: the planner hashes the
 * queue's live jobs once (bounded by the backlog), not its finished ones.
 */
export function liveJobExists(queue: string, key: string, idSql: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM pgboss.job j
    WHERE j."name" = ${queue} AND j."state" IN ${LIVE_JOB_STATES} AND j."data"->>${key} = (${idSql})::text)`;
}

/**
 * pg-boss's queues of the app, for FROM: its own internal queues (`__pgboss__send-it`, the cron
 * queue) are left out of every admin view and cleanup.
 */
export const APP_QUEUES = Prisma.raw(`(SELECT * FROM pgboss.queue WHERE left("name", 10) <> '__pgboss__')`);

import type PgBoss from "pg-boss";
import { getPrisma } from "@/lib/db/client";
import { getBoss } from "@/lib/jobs/boss";

/**
 * pg-boss's supervisor (every 15 s) would fail expired active jobs and archive finished ones in the
 * middle of a test; it only runs when `pgboss.version.maintained_on` is older than its interval, so a
 * date in the future holds it off (it has no immediate run at start). Undone by releaseSupervisor.
 */
export async function holdOffSupervisor(): Promise<PgBoss> {
  const boss = await getBoss();
  await getPrisma().$executeRaw`UPDATE pgboss.version SET maintained_on = now() + interval '1 day'`;
  return boss;
}

export async function releaseSupervisor(): Promise<void> {
  await getPrisma().$executeRaw`UPDATE pgboss.version SET maintained_on = NULL`;
}

/** Every queue's jobs gone: totals over all queues must not count what earlier files left in this database. */
export async function clearAllJobs(): Promise<void> {
  await getPrisma().$executeRaw`DELETE FROM pgboss.job`;
  await getPrisma().$executeRaw`DELETE FROM pgboss.archive`;
}

export async function clearJobs(...queues: string[]): Promise<void> {
  await getPrisma().$executeRaw`DELETE FROM pgboss.job WHERE "name" = ANY(${queues}::text[])`;
  await getPrisma().$executeRaw`DELETE FROM pgboss.archive WHERE "name" = ANY(${queues}::text[])`;
}

/** One job sent and, when asked, taken by a worker (pg-boss's own fetch) and finished its own way. */
export async function jobIn(
  boss: PgBoss,
  queue: string,
  state: "created" | "active" | "completed" | "failed" | "retry",
  data: object = { imageId: crypto.randomUUID() },
): Promise<string> {
  // Taken at once: ahead of every waiting job (fetch order is priority first).
  const priority = state === "created" ? 0 : 1000;
  const id = (await boss.send(queue, data, { retryLimit: state === "failed" ? 0 : 2, retryDelay: 3600, priority }))!;
  if (state === "created") return id;
  const [taken] = await boss.fetch(queue, { batchSize: 1, priority: true });
  if (taken?.id !== id) throw new Error(`fetched ${taken?.id} instead of ${id}`);
  if (state === "completed") await boss.complete(queue, id);
  if (state === "failed" || state === "retry") await boss.fail(queue, id, { message: "boom" });
  return id;
}

export async function stateOf(queue: string, id: string): Promise<string | null> {
  const rows = await getPrisma().$queryRaw<{ state: string }[]>`
    SELECT "state"::text AS state FROM pgboss.job WHERE "name" = ${queue} AND "id" = ${id}::uuid`;
  return rows[0]?.state ?? null;
}

/** Moves a job's times back: started (active), finished (completed/failed) or ready (waiting) that long ago. */
export async function backdate(queue: string, id: string, seconds: number): Promise<void> {
  await getPrisma().$executeRaw`
    UPDATE pgboss.job SET
      "started_on" = CASE WHEN "started_on" IS NULL THEN NULL ELSE now() - make_interval(secs => ${seconds}) END,
      "completed_on" = CASE WHEN "completed_on" IS NULL THEN NULL ELSE now() - make_interval(secs => ${seconds}) END,
      "start_after" = now() - make_interval(secs => ${seconds}),
      "created_on" = now() - make_interval(secs => ${seconds} + 1)
    WHERE "name" = ${queue} AND "id" = ${id}::uuid`;
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next.js would. */
export async function callRoute<P = Record<string, string>>(
  handler: Handler<P>,
  init: { method?: string; url?: string; headers: Record<string, string>; body?: unknown; params?: P },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const request = new Request(init.url ?? "http://localhost:3000/api/v1/admin", {
    method: init.method ?? "GET",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const response = await handler(request, { params: Promise.resolve((init.params ?? {}) as P) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

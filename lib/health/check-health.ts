import "server-only";
import { getPrisma } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";
import { LIVE_JOB_STATES } from "@/lib/jobs/live-jobs";

type Check = { ok: boolean; latencyMs: number; error?: string };
export type HealthReport = {
  status: "ok" | "degraded";
  database: Check;
  storage: Check & { driver: string };
  queue: Check & { queued?: number; active?: number };
};

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await fn();
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (error) {
    // Only the error class name: messages can carry hosts or credentials.
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - start),
      error: error instanceof Error ? error.name : "Error",
    };
  }
}

/** Database, storage and queue status for GET /api/v1/health. Never includes configuration values. */
export async function checkHealth(): Promise<HealthReport> {
  const storage = getStorage();
  let queueCounts: { queued?: number; active?: number } = {};
  const [database, storageCheck, queue] = await Promise.all([
    timed(() => getPrisma().$queryRaw`SELECT 1`),
    timed(() => storage.ping()),
    timed(async () => {
      const rows = await getPrisma().$queryRaw<{ state: string; count: bigint }[]>`
        SELECT state::text AS state, count(*) AS count FROM pgboss.job
        WHERE state IN ${LIVE_JOB_STATES} GROUP BY state`;
      const count = (state: string) => Number(rows.find((r) => r.state === state)?.count ?? 0);
      queueCounts = { queued: count("created") + count("retry"), active: count("active") };
    }),
  ]);
  const status = database.ok && storageCheck.ok && queue.ok ? "ok" : "degraded";
  return {
    status,
    database,
    storage: { ...storageCheck, driver: storage.driver },
    queue: { ...queue, ...queueCounts },
  };
}

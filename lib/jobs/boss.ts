import PgBoss from "pg-boss";
import { getLogger } from "@/lib/log/logger";

/**
 * The durable job queue: pg-boss (10.x, the newest major that runs on Node 20) in its own
 * `pgboss` schema of the application database. Jobs survive restarts; a job whose worker died
 * is retried after it expires.
 */
const log = getLogger("JOBS");
const globalForBoss = globalThis as unknown as { vitrineBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  globalForBoss.vitrineBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // Short supervision interval: jobs of a killed process are expired and retried within a minute or two.
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 4, maintenanceIntervalSeconds: 15 });
    boss.on("error", (error) => log.error({ action: "QUEUE_ERROR", err: error.message }, "Erro na fila de jobs"));
    await boss.start();
    return boss;
  })();
  return globalForBoss.vitrineBoss;
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.vitrineBoss;
  globalForBoss.vitrineBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
}

/** Sends one job; the caller runs ensureQueues for its job first (pg-boss rejects sends to a missing queue). */
export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(name, data, options);
}

import pg from "pg";
import PgBoss from "pg-boss";
import { createStatementNamer } from "@/lib/db/statement-names";
import { getLogger } from "@/lib/log/logger";

/**
 * The durable job queue: pg-boss (10.x, the newest major that runs on Node 20) in its own
 * `pgboss` schema of the application database. Jobs survive restarts; a job whose worker died
 * is retried after it expires.
 */
const log = getLogger("JOBS");
const globalForBoss = globalThis as unknown as { vitrineBoss?: Promise<PgBoss>; vitrineBossPool?: pg.Pool };

/** pg-boss's connection, with its hot statements (fetch, complete, insert) prepared once per connection. */
function preparedStatementDb(pool: pg.Pool): PgBoss.Db {
  const statementName = createStatementNamer("boss");
  return {
    executeSql: (text, values) => pool.query({ name: statementName(text, values?.length ?? 0), text, values }),
  };
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.vitrineBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // Short supervision interval: jobs of a killed process are expired and retried within a minute or two.
    // Named statements save the parse; PostgreSQL still re-plans fetch and complete (custom plans
    // for a partitioned table and an unknown LIMIT). Forcing generic plans was measured and dropped:
    // it removed that planning, but total statement time at 2,000 files was the same.
    const pool = new pg.Pool({ connectionString: url, max: 4, application_name: "pgboss" });
    pool.on("error", (error) => log.error({ action: "QUEUE_DB_ERROR", err: error.message }, "Erro na conexão da fila de jobs"));
    globalForBoss.vitrineBossPool = pool;
    const boss = new PgBoss({ db: preparedStatementDb(pool), schema: "pgboss", maintenanceIntervalSeconds: 15 });
    boss.on("error", (error) => log.error({ action: "QUEUE_ERROR", err: error.message }, "Erro na fila de jobs"));
    await boss.start();
    return boss;
  })();
  return globalForBoss.vitrineBoss;
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.vitrineBoss;
  const pool = globalForBoss.vitrineBossPool;
  globalForBoss.vitrineBoss = undefined;
  globalForBoss.vitrineBossPool = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
  await pool?.end();
}

/** Sends one job; the caller runs ensureQueues for its job first (pg-boss rejects sends to a missing queue). */
export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(name, data, options);
}

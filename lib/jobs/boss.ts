import pg from "pg";
import PgBoss from "pg-boss";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { createStatementNamer } from "@/lib/db/statement-names";
import { getLogger } from "@/lib/log/logger";

/**
 * The durable job queue: pg-boss (10.x, the newest major that runs on Node 20) in its own
 * `pgboss` schema of the application database. Jobs survive restarts; a job whose worker died
 * is retried after it expires.
 */
const log = getLogger("JOBS");
const globalForBoss = globalThis as unknown as {
  vitrineBoss?: Promise<PgBoss>;
  vitrineBossPool?: pg.Pool;
  /** Worker loops of this process by queue (on globalThis: route handlers and instrumentation are separate bundles). */
  vitrineLocalWorkers?: Map<string, string[]>;
};

/** pg-boss's connection, with its statements prepared once per connection. */
function preparedStatementDb(pool: pg.Pool): PgBoss.Db {
  const statementName = createStatementNamer("boss");
  return {
    executeSql: (text, values) => pool.query({ name: statementName(text, values?.length ?? 0), text, values }),
  };
}

/**
 * pg-boss's fetch orders pending jobs by (priority desc, created_on, id), but its own index
 * (job_i5) is on (name, start_after): every fetch sorted the whole backlog (9.6 ms per fetch
 * with 5,000 jobs waiting, measured). With this index the fetch reads the first pending entries in
 * order (0.15 ms). Created on the partitioned parent, so PostgreSQL adds it to every queue's
 * partition, including ones created later; the advisory lock keeps concurrent starts apart.
 */
async function ensureFetchOrderIndex(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('vitrine_job_fetch_order'))");
    await client.query(
      "CREATE INDEX IF NOT EXISTS vitrine_job_fetch_order ON pgboss.job (name, priority DESC, created_on, id) WHERE state < 'active'",
    );
    // System and queue admin (lib/system): counts by queue and state, and the jobs that ended in the
    // last hour, read as index ranges instead of walking the 12 h of finished jobs pg-boss keeps.
    await client.query(
      "CREATE INDEX IF NOT EXISTS vitrine_job_state_completed ON pgboss.job (name, state, completed_on)",
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * While the database is down every worker loop's poll fails (a dozen loops, every 2 s): one warning
 * per interval says so instead of an error line per poll. The loops keep polling and resume by
 * themselves once the database is back (their pool opens new connections).
 */
const OUTAGE_LOG_INTERVAL_MS = 10_000;
let lastOutageLogAt = 0;
function logQueueError(action: string, error: { message?: string }, message: string): void {
  if (!isDatabaseUnavailable(error)) {
    log.error({ action, err: error.message }, message);
    return;
  }
  if (Date.now() - lastOutageLogAt < OUTAGE_LOG_INTERVAL_MS) return;
  lastOutageLogAt = Date.now();
  log.warn(
    { action: "QUEUE_DB_UNAVAILABLE", err: error.message },
    "Fila de jobs sem acesso ao banco; tentando de novo",
  );
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.vitrineBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // Custom plans (PostgreSQL's default choice): a generic plan of the fetch assumes LIMIT $2
    // means hundreds of rows and hash-joins the whole queue partition (5.7 ms vs 0.2 ms + 0.5 ms
    // planning with 3,000 jobs waiting, measured).
    const pool = new pg.Pool({ connectionString: url, max: 4, application_name: "pgboss" });
    pool.on("error", (error) => logQueueError("QUEUE_DB_ERROR", error, "Erro na conexão da fila de jobs"));
    globalForBoss.vitrineBossPool = pool;
    // Short supervision interval: jobs of a killed process are expired and retried within a minute or two.
    const boss = new PgBoss({ db: preparedStatementDb(pool), schema: "pgboss", maintenanceIntervalSeconds: 15 });
    boss.on("error", (error) => logQueueError("QUEUE_ERROR", error, "Erro na fila de jobs"));
    try {
      await boss.start();
      await ensureFetchOrderIndex(pool);
    } catch (error) {
      // A start that failed (database unreachable) is tried again by the next caller, not remembered.
      globalForBoss.vitrineBoss = undefined;
      globalForBoss.vitrineBossPool = undefined;
      await boss.stop({ graceful: false }).catch(() => {});
      await pool.end().catch(() => {});
      throw error;
    }
    return boss;
  })();
  return globalForBoss.vitrineBoss;
}

/** Stops pg-boss, active jobs getting up to 10 s (tests and scripts; a signal's stop uses stopBossWithin). */
export function stopBoss(): Promise<void> {
  return stopBossWithin(10_000);
}

/**
 * Stops pg-boss: workers take no new jobs, active ones get `timeoutMs` to finish, and those still
 * running after it are failed, so pg-boss retries them (released, not lost until they expire).
 */
export async function stopBossWithin(timeoutMs: number): Promise<void> {
  const pending = globalForBoss.vitrineBoss;
  const pool = globalForBoss.vitrineBossPool;
  globalForBoss.vitrineBoss = undefined;
  globalForBoss.vitrineBossPool = undefined;
  globalForBoss.vitrineLocalWorkers = undefined;
  const boss = await pending?.catch(() => undefined);
  try {
    if (boss) await boss.stop({ graceful: true, timeout: timeoutMs });
  } finally {
    await pool?.end();
  }
}

/** Remembers a worker loop of this process, so sends from this process wake it instead of waiting for its next poll. */
export function registerLocalWorker(queue: string, workerId: string): void {
  const workers = (globalForBoss.vitrineLocalWorkers ??= new Map());
  workers.set(queue, [...(workers.get(queue) ?? []), workerId]);
}

function wakeLocalWorkers(boss: PgBoss, queue: string): void {
  for (const workerId of globalForBoss.vitrineLocalWorkers?.get(queue) ?? []) boss.notifyWorker(workerId);
}

/** Sends one job; the caller runs ensureQueues for its job first (pg-boss rejects sends to a missing queue). */
export async function sendJob(name: string, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  const id = await boss.send(name, data, options);
  wakeLocalWorkers(boss, name);
  return id;
}

/** Sends many jobs of one queue in one statement (same precondition as sendJob). */
export async function insertJobs(name: string, jobs: Omit<PgBoss.JobInsert, "name">[]): Promise<void> {
  const boss = await getBoss();
  await boss.insert(jobs.map((job) => ({ ...job, name })));
  wakeLocalWorkers(boss, name);
}

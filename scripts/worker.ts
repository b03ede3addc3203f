// `npm run worker`: a job worker process, to scale out beside the web server. It uses DATABASE_URL,
// or the embedded PostgreSQL of an app already running on this data directory, or starts it (and
// keeps it up). SIGTERM/SIGINT: active jobs finish or are released for a retry, then it exits 0.
import { getEnv } from "@/lib/config/env";
import { loadOrCreateLocalSecrets } from "@/lib/db/data-dir";
import { leaveShutdownSignalsToCaller, readEmbeddedLock } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { superviseEmbeddedPostgres } from "@/lib/db/supervise-embedded-postgres";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { getLogger } from "@/lib/log/logger";
import { workerJobs } from "@/lib/server/worker-jobs";

const log = getLogger("JOBS");
/** Past this the process exits anyway: within the 10 s a supervisor waits before SIGKILL. */
const HARD_EXIT_MS = 9_000;

leaveShutdownSignalsToCaller();
// pg-boss reports a job's completion without awaiting it; with the database gone that rejection
// is nobody's to catch, and must not end the worker (the job expires and is retried).
process.on("unhandledRejection", (reason) =>
  log.error({ action: "UNHANDLED_REJECTION", err: String(reason) }, "Erro não tratado"),
);

let isStopping = false;
let stopDatabase = async () => {};
async function shutdown(reason: string, code = 0): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  setTimeout(() => process.exit(1), HARD_EXIT_MS).unref();
  log.info({ action: "WORKER_STOPPING", reason }, "Parando o worker");
  await stopWorkers().catch((error: unknown) =>
    log.error({ action: "WORKER_STOP_FAILED", err: String(error) }, "Falha ao parar os workers"),
  );
  await stopDatabase();
  process.exit(code);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

async function main(): Promise<void> {
  const env = getEnv();
  const running = env.DATABASE_URL ? null : readEmbeddedLock(env.dataDir);
  if (running) {
    const { postgresPassword } = loadOrCreateLocalSecrets(env.dataDir);
    process.env.DATABASE_URL = `postgresql://vitrine:${encodeURIComponent(postgresPassword)}@127.0.0.1:${running.port}/vitrine`;
  } else {
    const { url, embedded } = await prepareDatabase(env);
    process.env.DATABASE_URL = url;
    if (embedded) {
      stopDatabase = () => embedded.stop();
      superviseEmbeddedPostgres(embedded, { isStopping: () => isStopping, onGiveUp: (why) => void shutdown(why, 1) });
    }
  }
  process.env.ENCRYPTION_KEY ??= loadOrCreateLocalSecrets(env.dataDir).encryptionKey;
  if (isStopping) return;
  await startWorkers(workerJobs);
  log.info({ action: "WORKER_READY", pid: process.pid }, "Worker pronto");
}

main().catch(async (error: unknown) => {
  console.error(`Erro ao iniciar o worker: ${error instanceof Error ? error.message : String(error)}`);
  await stopDatabase();
  process.exit(1);
});

// `npm run worker`: a job worker process, to scale out beside the web server. It uses DATABASE_URL,
// or the embedded PostgreSQL of an app already running on this data directory, or starts it.
import { getEnv } from "@/lib/config/env";
import { loadOrCreateLocalSecrets } from "@/lib/db/data-dir";
import { readEmbeddedLock } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { getLogger } from "@/lib/log/logger";

const log = getLogger("JOBS");

async function main(): Promise<void> {
  const env = getEnv();
  let stopDatabase = async () => {};
  const running = env.DATABASE_URL ? null : readEmbeddedLock(env.dataDir);
  if (running) {
    const { postgresPassword } = loadOrCreateLocalSecrets(env.dataDir);
    process.env.DATABASE_URL = `postgresql://vitrine:${encodeURIComponent(postgresPassword)}@127.0.0.1:${running.port}/vitrine`;
  } else {
    const { url, embedded } = await prepareDatabase(env);
    process.env.DATABASE_URL = url;
    if (embedded) stopDatabase = () => embedded.stop();
  }
  process.env.ENCRYPTION_KEY ??= loadOrCreateLocalSecrets(env.dataDir).encryptionKey;
  await startWorkers();
  log.info({ action: "WORKER_READY", pid: process.pid }, "Worker pronto");
  const shutdown = async () => {
    await stopBoss();
    await stopDatabase();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`Erro ao iniciar o worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

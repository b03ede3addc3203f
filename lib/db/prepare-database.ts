import pg from "pg";
import type { Env } from "@/lib/config/env";
import { getLogger } from "@/lib/log/logger";
import { loadOrCreateLocalSecrets } from "./data-dir";
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrations";

const log = getLogger("DB");

export class DatabaseUnreachableError extends Error {
  constructor(detail: string) {
    super(`Não foi possível conectar ao PostgreSQL de DATABASE_URL: ${detail}`);
    this.name = "DatabaseUnreachableError";
  }
}

/** One connection attempt with a timeout: an unreachable server is reported once, clearly. */
export async function checkDatabaseReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new DatabaseUnreachableError((error as Error).message || String(error));
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The database the app will use: DATABASE_URL when set, otherwise the embedded server under the
 * data directory. Pending migrations are applied either way.
 */
export async function prepareDatabase(env: Env): Promise<{ url: string; embedded: RunningEmbeddedPostgres | null }> {
  let url: string;
  let embedded: RunningEmbeddedPostgres | null = null;
  if (env.DATABASE_URL) {
    url = env.DATABASE_URL;
    await checkDatabaseReachable(url);
  } else {
    const secrets = loadOrCreateLocalSecrets(env.dataDir);
    embedded = await startEmbeddedPostgres({
      dataDir: env.dataDir,
      port: env.EMBEDDED_PG_PORT,
      password: secrets.postgresPassword,
      sizeForHost: true,
    });
    url = embedded.url;
  }
  try {
    const applied = await applyMigrations(url);
    if (applied.length)
      log.info({ action: "MIGRATIONS_APPLIED", migrations: applied.join(",") }, "Migrações aplicadas");
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, embedded };
}

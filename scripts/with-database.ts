// Runs a function against DATABASE_URL, or against the embedded database (started for the duration).
import { getEnv } from "@/lib/config/env";
import { loadOrCreateLocalSecrets } from "@/lib/db/data-dir";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

export async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const env = getEnv();
  if (env.DATABASE_URL) return fn(env.DATABASE_URL);
  const secrets = loadOrCreateLocalSecrets(env.dataDir);
  const db = await startEmbeddedPostgres({
    dataDir: env.dataDir,
    port: env.EMBEDDED_PG_PORT,
    password: secrets.postgresPassword,
  });
  try {
    await fn(db.url);
  } finally {
    await db.stop();
  }
}

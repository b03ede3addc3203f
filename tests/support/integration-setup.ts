// Per-file setup: point lib code at this worker's own database (or the file's own) and data directory, and a fixed auth secret.
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { withDatabase } from "./database-url";

const databaseUrls = inject("databaseUrls");
const worker = Number(process.env.VITEST_POOL_ID ?? 1);
process.env.DATABASE_URL = databaseUrls[(worker - 1) % databaseUrls.length];
if (inject("databasePerFile")) process.env.DATABASE_URL = await freshDatabase();
process.env.VITRINE_DATA_DIR = path.join(inject("dataDir"), `w${worker}`);
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
process.env.PASSWORD_HASH_COST ??= "4";
process.env.LOG_LEVEL ??= "error";
// Some tests send thousands of requests with one API token (the kill-restart upload); the per-token
// quota has its own test (tests/integration/api/rate-limit.test.ts), which sets it explicitly.
process.env.API_RATE_LIMIT_TOKEN_PER_HOUR ??= "0";

/** A database of this file's own, migrated (integration-processes: see the global setup). */
async function freshDatabase(): Promise<string> {
  const name = `${inject("databasePrefix")}_f${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(inject("adminDatabaseUrl"), name);
  await applyMigrations(url);
  return url;
}

// Integration tests run against a real PostgreSQL: a fresh embedded server in a temp directory,
// or, when DATABASE_URL is set, fresh databases created on that server for this run.
// Test files run in parallel workers; each worker gets its own database (a copy of the migrated
// one) and its own data directory, so files never see each other's rows or blobs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { withDatabase } from "./database-url";

declare module "vitest" {
  export interface ProvidedContext {
    /** The server, for the databases a file makes for itself (integration-processes). */
    adminDatabaseUrl: string;
    /** Every database of this run starts with it (dropped together at the end). */
    databasePrefix: string;
    /** Each file gets a fresh database of its own instead of its worker's. */
    databasePerFile: boolean;
    /** One database per worker, indexed by VITEST_POOL_ID - 1. */
    databaseUrls: string[];
    dataDir: string;
  }
}

// embedded-postgres's exit hook (async-exit-hook) answers 'beforeExit' with process.exit(0), which
// would turn vitest's exit code 1 for failed tests into a green run. Keep the code vitest set.
let exitCodeBeforeHook: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  exitCodeBeforeHook = process.exitCode;
});
process.on("exit", () => {
  if (exitCodeBeforeHook) process.exitCode = exitCodeBeforeHook;
});

// The WASM schema engine panics when two migrations run at once in one process; the projects' global
// setups run side by side, each with its own copy of this module, so the queue lives on globalThis.

async function onServer(adminUrl: string, statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const sql of statements) await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-it-"));
  let adminUrl: string;
  let stopServer: () => Promise<void> = async () => {};
  const external = process.env.DATABASE_URL;
  if (external) {
    adminUrl = external;
  } else {
    const db = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "db"),
      port: await findFreePort(),
      password: "test-password",
    });
    adminUrl = db.url;
    stopServer = () => db.stop();
  }
  const base = `vitrine_it_${Date.now()}_${process.pid}`;
  const workers = project.config.maxWorkers;
  const names = Array.from({ length: workers }, (_, i) => `${base}_w${i + 1}`);
  // Each migrated on its own: the schema engine keeps a session open, so a database cannot be a template.
  await onServer(
    adminUrl,
    names.map((name) => `CREATE DATABASE ${name}`),
  );
  await Promise.all(names.map((name) => applyMigrations(withDatabase(adminUrl, name))));
  project.provide(
    "databaseUrls",
    names.map((name) => withDatabase(adminUrl, name)),
  );
  project.provide("dataDir", dataDir);
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("databasePrefix", base);
  // Files that kill workers mid-job leave pg-boss state (expired jobs, held claims) that the next such
  // file's "new worker" would have to wait out: each starts on a clean database instead.
  project.provide("databasePerFile", project.name === "integration-processes");
  return async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const made = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [base],
    );
    await admin.end();
    names.push(...made.rows.map((row) => row.datname).filter((name) => !names.includes(name)));
    await onServer(
      adminUrl,
      names.map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    );
    await stopServer();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

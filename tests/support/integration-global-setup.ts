// Integration tests run against a real PostgreSQL: a fresh embedded server in a temp directory,
// or, when DATABASE_URL is set, a fresh database created on that server for this run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-it-"));
  let url: string;
  let teardown: () => Promise<void>;
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `vitrine_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    url = u.toString();
    teardown = async () => {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const db = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "db"),
      port: await findFreePort(),
      password: "test-password",
    });
    url = db.url;
    teardown = () => db.stop();
  }
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  project.provide("dataDir", dataDir);
  return async () => {
    await teardown();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

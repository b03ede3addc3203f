import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { SqlRunner } from "../../support/url-batch-rows";

/**
 * The e2e server's own database (embedded PostgreSQL under .data-e2e, on E2E_PG_PORT), for specs
 * that write rows the UI cannot make quickly (a URL batch with failures). The password is the one
 * the server generated into its data directory on first start.
 */
export async function withE2eDatabase<T>(fn: (run: SqlRunner) => Promise<T>): Promise<T> {
  const secrets = JSON.parse(fs.readFileSync(path.join(".data-e2e", "secrets.json"), "utf8")) as {
    postgresPassword: string;
  };
  const client = new pg.Client({
    host: "127.0.0.1",
    port: Number(process.env.E2E_PG_PORT ?? 54339),
    user: "vitrine",
    database: "vitrine",
    password: secrets.postgresPassword,
  });
  await client.connect();
  try {
    return await fn((sql, params) => client.query(sql, params));
  } finally {
    await client.end();
  }
}

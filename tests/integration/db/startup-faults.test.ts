import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseError, findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { checkDatabaseReachable, DatabaseUnreachableError } from "@/lib/db/prepare-database";

describe("database start-up faults", () => {
  it("refuses a second start on the same data directory with a clear message, and keeps the data", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-lock-"));
    const first = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), password: "pw-1" });
    try {
      await applyMigrations(first.url);
      const second = startEmbeddedPostgres({ dataDir, port: await findFreePort(), password: "pw-1" });
      await expect(second).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(second).rejects.toThrow(/já está rodando/);
    } finally {
      await first.stop();
    }
    // Restart on the same directory: the data (the applied migrations) is still there.
    const again = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), password: "pw-1" });
    try {
      expect(await applyMigrations(again.url)).toEqual([]);
    } finally {
      await again.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("reports an unreachable DATABASE_URL once, clearly, without leaking the password", async () => {
    const port = await findFreePort();
    const started = Date.now();
    const attempt = checkDatabaseReachable(`postgresql://vitrine:segredo-123@127.0.0.1:${port}/vitrine`, 2000);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(attempt).rejects.toThrow(/Não foi possível conectar ao PostgreSQL de DATABASE_URL/);
    await expect(attempt).rejects.not.toThrow(/segredo-123/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

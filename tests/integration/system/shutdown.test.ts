// Point 19: SIGTERM to `npm start` (what `docker stop` and most supervisors send to the process they
// started) stops the server, its job workers and PostgreSQL within 10 s with exit code 0, and the
// next start finds a cleanly shut down database. `npm run worker` stops the same way.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadForm } from "../../support/api-client";
import { makeJpeg } from "../../support/image-fixtures";
import {
  ensureProductionBuild,
  isAlive,
  launch,
  loginToken,
  processTree,
  stopTree,
  waitFor,
  type Launched,
} from "./launcher-process";

const running: Launched[] = [];

beforeAll(() => ensureProductionBuild(), 300_000);
afterAll(async () => {
  for (const app of running) if (app.child.exitCode === null) await stopTree(app, "SIGKILL");
});

async function timeUntilGone(pids: number[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (pids.some(isAlive) && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 50));
  return Date.now() - started;
}

describe("SIGTERM", () => {
  it(
    "to `npm start` stops everything within 10 s with exit code 0, jobs finished or released; the next start needs no recovery",
    { timeout: 120_000 },
    async () => {
      const first = await launch({ via: "npm" });
      running.push(first);
      const auth = { authorization: `Bearer ${await loginToken(first.url)}` };

      // Work in flight: a batch being processed when the signal arrives.
      const batch = (await (
        await fetch(`${first.url}/api/v1/batches`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ name: "Lote SIGTERM" }),
        })
      ).json()) as { id: string };
      const files = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => ({
          name: `VD19-${String(i).padStart(4, "0")}_01.jpg`,
          bytes: await makeJpeg(19_000 + i, 400, 300),
          uploadId: `s${i}`,
        })),
      );
      for (let i = 0; i < files.length; i += 10) {
        const response = await fetch(`${first.url}/api/v1/batches/${batch.id}/files`, {
          method: "POST",
          headers: auth,
          body: uploadForm(files.slice(i, i + 10)),
        });
        expect(response.status).toBe(200);
      }
      expect(
        (await fetch(`${first.url}/api/v1/batches/${batch.id}/start`, { method: "POST", headers: auth })).status,
      ).toBe(200);
      await waitFor(
        async () => {
          const progress = (await (
            await fetch(`${first.url}/api/v1/batches/${batch.id}/progress`, { headers: auth })
          ).json()) as { processed: number };
          return progress.processed > 0;
        },
        30_000,
        "the first processed photo",
      );

      // npm → node launcher → node server + postgres (and its backends): every one of them must end.
      const tree = processTree(first.child.pid!);
      expect(tree.length).toBeGreaterThanOrEqual(4);
      const stopped = stopTree(first, "SIGTERM");
      const goneMs = await timeUntilGone(tree, 15_000);
      const survivors = tree.filter(isAlive);
      for (const pid of survivors) process.kill(pid, "SIGKILL"); // orphans would outlive the test run
      const { code, signal } = await stopped;
      expect(survivors, first.output()).toEqual([]);
      expect(goneMs, first.output()).toBeLessThan(10_000);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(first.output()).toContain("WORKERS_STOPPED");
      expect(fs.existsSync(path.join(first.dataDir, "postgres", "postmaster.pid"))).toBe(false);
      expect(fs.existsSync(path.join(first.dataDir, "postgres.lock.json"))).toBe(false);

      // The next start: PostgreSQL reports a clean shutdown (no crash recovery, no orphan to stop),
      // and no job was left active (each one finished, or was failed for pg-boss to retry).
      const second = await launch({
        via: "npm",
        dataDir: first.dataDir,
        env: { LOG_LEVEL: "debug", WORKERS_IN_APP: "false" },
      });
      running.push(second);
      const health = (await (await fetch(`${second.url}/api/v1/health`)).json()) as { queue: { active: number } };
      expect(health.queue.active).toBe(0);
      expect(second.output()).toMatch(/database system was shut down at/);
      expect(second.output()).not.toMatch(/not properly shut down|automatic recovery|ORPHAN_PG_STOP/);
      const again = await stopTree(second, "SIGTERM");
      expect(again.code).toBe(0);
    },
  );

  it("to `npm run worker` stops it gracefully with exit code 0", { timeout: 60_000 }, async () => {
    const child = spawn("npm", ["run", "worker", "--silent"], {
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        VITRINE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-worker-")),
        LOG_FORMAT: "json",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    await waitFor(async () => output.includes("WORKER_READY"), 30_000, "the worker to start");
    const tree = processTree(child.pid!);
    child.kill("SIGTERM");
    const goneMs = await timeUntilGone(tree, 15_000);
    const survivors = tree.filter(isAlive);
    for (const pid of survivors) process.kill(pid, "SIGKILL");
    expect(survivors, output).toEqual([]);
    expect(goneMs).toBeLessThan(10_000);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toContain("WORKERS_STOPPED");
  });
});

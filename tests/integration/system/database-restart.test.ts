// Point 12: the embedded PostgreSQL killed (kill -9) in the middle of a batch. While it is down the
// API answers 503 SERVICE_UNAVAILABLE with Retry-After (not 500) and /health says degraded; the
// launcher starts it again by itself, the app's pools reconnect, the workers resume, and the
// batch completes without anyone doing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadForm } from "../../support/api-client";
import { makeJpeg } from "../../support/image-fixtures";
import {
  ensureProductionBuild,
  isAlive,
  isDatabaseUp,
  launch,
  loginToken,
  postmasterPid,
  processTree,
  stopTree,
  waitFor,
  type Launched,
} from "./launcher-process";

const FILES = 30;
let app: Launched | undefined;

beforeAll(() => ensureProductionBuild(), 300_000);
afterAll(async () => {
  if (app && app.child.exitCode === null) await stopTree(app, "SIGKILL");
});

describe("embedded PostgreSQL killed during a batch", () => {
  it(
    "answers 503 with Retry-After while it is down, is restarted by the launcher, and the batch completes by itself",
    { timeout: 120_000 },
    async () => {
      // A short job expiry, as in the kill-and-restart test: the photo a worker held when the database died is taken over quickly.
      app = await launch({ via: "launcher", env: { IMAGE_JOB_EXPIRE_SECONDS: "5", WORKER_CONCURRENCY: "2" } });
      const { url, dataDir } = app;
      const auth = { authorization: `Bearer ${await loginToken(url)}` };
      const batch = (await (
        await fetch(`${url}/api/v1/batches`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ name: "Lote queda do banco" }),
        })
      ).json()) as { id: string };
      const files = await Promise.all(
        Array.from({ length: FILES }, async (_, i) => ({
          name: `VD12-${String(i).padStart(4, "0")}_01.jpg`,
          bytes: await makeJpeg(12_000 + i, 600, 400),
          uploadId: `k${i}`,
        })),
      );
      for (let i = 0; i < FILES; i += 10) {
        expect(
          (
            await fetch(`${url}/api/v1/batches/${batch.id}/files`, {
              method: "POST",
              headers: auth,
              body: uploadForm(files.slice(i, i + 10)),
            })
          ).status,
        ).toBe(200);
      }
      expect((await fetch(`${url}/api/v1/batches/${batch.id}/start`, { method: "POST", headers: auth })).status).toBe(
        200,
      );
      const progress = async () => {
        const response = await fetch(`${url}/api/v1/batches/${batch.id}/progress`, { headers: auth });
        return {
          response,
          body: response.ok ? ((await response.json()) as { processed: number; failed: number; status: string }) : null,
        };
      };
      await waitFor(async () => ((await progress()).body?.processed ?? 0) > 0, 30_000, "the first processed photo");

      const killedPid = postmasterPid(dataDir);
      process.kill(killedPid, "SIGKILL");
      // While it is down (the launcher waits 1 s before its first restart attempt): the API and /health say so.
      const seen = { api: undefined as Response | undefined, health: undefined as unknown };
      await waitFor(
        async () => {
          const [{ response }, health] = await Promise.all([progress(), fetch(`${url}/api/v1/health`)]);
          if (response.status === 503) seen.api ??= response;
          // A pooled connection can still answer for a moment after the kill (a backend notices the
          // postmaster's death on its next wait), so one 503 can come from the queue's check alone:
          // the one kept is a report whose database check failed.
          if (health.status === 503) {
            const report = (await health.json()) as { database?: { ok?: boolean } };
            if (report.database?.ok === false) seen.health ??= report;
          }
          return seen.api !== undefined && seen.health !== undefined;
        },
        5_000,
        "503s while the database is down",
      );
      expect(seen.api!.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await seen.api!.json()).toMatchObject({ error: "SERVICE_UNAVAILABLE" });
      expect(seen.health).toMatchObject({ status: "degraded", database: { ok: false } });

      // Back by itself: a new postmaster, the same launcher, the API answering again.
      await waitFor(async () => (await progress()).response.status === 200, 30_000, "the API to answer again");
      expect(isAlive(killedPid)).toBe(false);
      expect(postmasterPid(dataDir)).not.toBe(killedPid);
      expect(app.child.exitCode).toBeNull();
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);

      // The batch finishes: every photo processed, none failed by the outage. (Its status moves just after
      // its last photo's, so the wait is for the status, not for the counts.)
      const done = await waitFor(
        async () => {
          const { body } = await progress();
          return body && body.status.startsWith("COMPLETED") ? body : undefined;
        },
        60_000,
        "the batch to finish",
      );
      expect(done).toMatchObject({ processed: FILES, failed: 0, status: "COMPLETED" });
      expect(app.output()).toContain("EMBEDDED_PG_RESTARTED");

      const stopped = await stopTree(app, "SIGTERM");
      expect(stopped.code).toBe(0);
    },
  );
});

describe("embedded PostgreSQL that keeps dying", () => {
  it(
    "makes the launcher stop the app and exit non-zero, so a supervisor restarts everything",
    { timeout: 120_000 },
    async () => {
      const crashing = await launch({ via: "launcher", env: { WORKERS_IN_APP: "false" } });
      app = crashing;
      const tree = new Set([crashing.child.pid!]);
      // More than 5 deaths within 10 minutes is a crash loop: restarting again would only hide it.
      for (let death = 1; death <= 6 && crashing.child.exitCode === null; death++) {
        const pid = await waitFor(
          async () => {
            const current = postmasterPid(crashing.dataDir);
            return isAlive(current) && (await isDatabaseUp(crashing.url)) ? current : undefined;
          },
          30_000,
          `PostgreSQL to be back before death ${death}`,
        );
        for (const p of processTree(crashing.child.pid!)) tree.add(p);
        process.kill(pid, "SIGKILL");
        await waitFor(async () => !isAlive(pid), 5_000, "the kill");
      }
      const exit = await crashing.exited;
      expect(exit.code, crashing.output()).toBe(1);
      expect(crashing.output()).toContain("EMBEDDED_PG_GAVE_UP");
      await waitFor(async () => [...tree].every((pid) => !isAlive(pid)), 10_000, "every process of the app to end");
    },
  );
});

// A killed worker process resumes its AI run: the worker runs in a child process, SIGKILLed mid-run;
// a new worker takes over the dead one's job (expired by pg-boss) and its photos (stale claims), and
// finishes the run with no photo written twice.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAiRun } from "@/lib/ai/runs/create-run";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { apiTokenFor } from "../../support/api-client";
import { killAllChildren, killChild, startChild } from "../../support/child-process";
import { truncateAllTables } from "../../support/db";
import { addKeys, seedPhoto, seedScope, waitForRun } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  // A short job expiry (and so claim lease) lets the new worker take over within seconds.
  return startAiTestServer({ AI_JOB_EXPIRE_SECONDS: "8", AI_WORKER_CONCURRENCY: "4" });
});

const PHOTOS = 24;
const startWorker = async () =>
  (await startChild("tests/integration/ai/runs-worker-child.ts", { WORKER_CONCURRENCY: "1" })).child;

beforeAll(async () => {
  await truncateAllTables();
});
afterAll(async () => {
  killAllChildren();
  await stopBoss();
  await fake.close();
});

describe("SIGKILL during an AI run", () => {
  it("a new worker finishes the run; every photo succeeds exactly once", { timeout: 150_000 }, async () => {
    const auth = await apiTokenFor("EDITOR");
    await addKeys("sk-test-kill-aaaaaaaaaaaaaaaa");
    fake.setBehaviour({ latencyMs: 250 });
    const scope = await seedScope("Kill");
    for (let i = 0; i < PHOTOS; i++) await seedPhoto(`VD24-K${String(i).padStart(3, "0")}_FRENTE.jpg`, scope);
    const run = await createAiRun(auth.user as never, {
      selection: { filter: { collectionId: scope.collection.id } },
      fields: ["cor", "descricao", "pecas"],
      overwriteManual: false,
      mode: "now",
    });
    expect(run.total).toBe(PHOTOS);

    const first = await startWorker();
    await expect
      .poll(async () => (await getPrisma().aiRun.findUniqueOrThrow({ where: { id: run.id } })).succeeded, {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(6);
    await killChild(first);
    const atKill = await getPrisma().aiRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(atKill.status).toBe("RUNNING");
    expect(atKill.succeeded).toBeLessThan(PHOTOS);

    await startWorker();
    const ended = await waitForRun(run.id, ["COMPLETED", "FAILED", "PAUSED", "CANCELLED"], 120_000);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: PHOTOS, failed: 0 });

    const items = await getPrisma().aiRunItem.findMany({ where: { runId: run.id } });
    expect(items.every((i) => i.status === "SUCCEEDED")).toBe(true);
    // The run's counters are the items' own: no photo was counted (written) twice.
    expect(items.reduce((sum, i) => sum + i.tokensIn, 0)).toBe(ended.tokensIn);
    expect(await getPrisma().imageItem.count()).toBeGreaterThanOrEqual(PHOTOS);
    // At the provider, only photos in flight at the kill were asked twice (at most the concurrency).
    const answered = new Map<string, number>();
    for (const r of fake.chatRequests())
      if (r.status === 200) answered.set(r.fileName!, (answered.get(r.fileName!) ?? 0) + 1);
    expect(answered.size).toBe(PHOTOS);
    const twice = [...answered.values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(4);
  });
});

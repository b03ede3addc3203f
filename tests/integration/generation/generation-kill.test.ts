// A killed worker process resumes its generation job: the worker runs in a child process,
// SIGKILLed mid-job; a new worker takes the job over (pg-boss expiry, the item's claim lease) and
// finishes it. No image is generated again once it was stored (its upload id `gen:<item>:<round>`
// is found), and no image is stored twice.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { apiTokenFor } from "../../support/api-client";
import { killAllChildren, killChild, startChild } from "../../support/child-process";
import { truncateAllTables } from "../../support/db";
import { addImageKeys, createJob, seedScope, waitForJob } from "./generation-support";

const fake = await vi.hoisted(async () => {
  const { startGenerationTestServer } = await import("./generation-support");
  // A short expiry (and so claim lease) lets the new worker take over within seconds.
  return startGenerationTestServer({ GENERATION_JOB_EXPIRE_SECONDS: "8" });
});

const IMAGES = 12;
const startWorker = async () =>
  (await startChild("tests/integration/generation/generation-worker-child.ts", { WORKER_CONCURRENCY: "1" })).child;

beforeAll(async () => {
  await truncateAllTables();
});
afterAll(async () => {
  killAllChildren();
  await stopBoss();
  await fake.close();
});

describe("SIGKILL during a generation job", () => {
  it("a new worker finishes the job; no stored image is generated again", { timeout: 150_000 }, async () => {
    const auth = await apiTokenFor("EDITOR");
    await addImageKeys("sk-test-gen-kill-00000000000000000001");
    fake.setBehaviour({ latencyMs: 300 });
    const scope = await seedScope("Kill");
    const job = await createJob(auth.headers, {
      prompts: Array.from({ length: IMAGES }, (_, i) => ({ prompt: `foto ${i + 1}` })),
      batch: { name: "Kill", collectionId: scope.collection.id },
    });
    const prisma = getPrisma();

    const first = await startWorker();
    await expect
      .poll(async () => (await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id } })).succeeded, {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(4);
    await killChild(first);
    const atKill = await prisma.generationJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(atKill.status).toBe("RUNNING");
    expect(atKill.succeeded).toBeLessThan(IMAGES);
    // What was stored when the process died (an upload recorded, whether or not its item was marked).
    const storedAtKill = await prisma.batchUpload.findMany({ where: { batchId: job.batchId } });
    const items = await prisma.generationItem.findMany({ where: { jobId: job.id }, include: { prompt: true } });
    const promptOfUpload = new Map(items.map((i) => [`gen:${i.id}:${i.round}`, i.prompt.prompt]));
    const storedPrompts = storedAtKill.map((u) => promptOfUpload.get(u.clientUploadId)!);
    expect(storedPrompts.length).toBeGreaterThanOrEqual(4);

    await startWorker();
    const ended = await waitForJob(job.id, ["COMPLETED", "PAUSED", "STOPPED"], 120_000);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: IMAGES, failed: 0 });

    const answered = new Map<string, number>();
    for (const r of fake.imageRequests())
      if (r.status === 200) answered.set(r.prompt!, (answered.get(r.prompt!) ?? 0) + 1);
    expect(answered.size).toBe(IMAGES);
    // Stored before the kill: asked exactly once.
    for (const prompt of storedPrompts) expect(answered.get(prompt), prompt).toBe(1);
    // Only the image in flight at the kill (one at a time per job) may have been asked twice.
    expect([...answered.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    // One upload and one image per item: nothing stored twice.
    expect(await prisma.batchUpload.count({ where: { batchId: job.batchId } })).toBe(IMAGES);
    expect(await prisma.image.count({ where: { batchId: job.batchId } })).toBe(IMAGES);
    const final = await prisma.generationItem.findMany({ where: { jobId: job.id } });
    expect(new Set(final.map((i) => i.imageId)).size).toBe(IMAGES);
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { POST as resetRoute } from "@/app/api/v1/admin/batches/[id]/reset/route";
import { GET as statusRoute } from "@/app/api/v1/admin/queue/status/route";
import { URL_CHUNK_JOB, urlChunkJob } from "@/lib/batches/url-chunks/url-chunk-job";
import { getPrisma, type BatchStatus, type ProcessingStatus } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB, processImageJob } from "@/lib/images/process-image-job";
import { stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { batchResetResultSchema, queueStatusSchema } from "@/lib/system/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { callRoute, clearJobs, holdOffSupervisor, jobIn, releaseSupervisor } from "./queue-fixtures";

let boss: PgBoss;
let admin: Awaited<ReturnType<typeof apiTokenFor>>;

beforeAll(async () => {
  await ensureQueue(processImageJob);
  await ensureQueue(urlChunkJob);
  boss = await holdOffSupervisor();
});

beforeEach(async () => {
  await truncateAllTables();
  await clearJobs(PROCESS_IMAGE_JOB, URL_CHUNK_JOB);
  admin = await apiTokenFor("ADMIN");
});

afterAll(async () => {
  await clearJobs(PROCESS_IMAGE_JOB, URL_CHUNK_JOB);
  await releaseSupervisor();
  await stopBoss();
});

const prisma = () => getPrisma();
const MINUTES_AGO = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function batchIn(status: BatchStatus, source: "UPLOAD" | "URL_LIST" = "UPLOAD"): Promise<string> {
  const batch = await prisma().batch.create({
    data: {
      name: `Lote ${status}`,
      status,
      source,
      startedAt: MINUTES_AGO(60),
      chunkSize: source === "URL_LIST" ? 2 : null,
    },
  });
  return batch.id;
}

/** A photo of the batch (an upload of it) in a processing state, last touched `minutes` ago. */
async function imageIn(batchId: string, processingStatus: ProcessingStatus, minutes = 5): Promise<string> {
  const id = randomUUID();
  await prisma().image.create({
    data: {
      id,
      batchId,
      originalName: `${id}.jpg`,
      storageKey: `originals/${id}.jpg`,
      contentType: "image/jpeg",
      bytes: 10n,
      sha256: id,
      processingStatus,
      processingStartedAt: processingStatus === "PROCESSING" ? MINUTES_AGO(minutes) : null,
      processedAt: processingStatus === "READY" || processingStatus === "FAILED" ? MINUTES_AGO(minutes) : null,
    },
  });
  await prisma().batchUpload.create({
    data: { batchId, clientUploadId: id, originalName: `${id}.jpg`, bytes: 10n, imageId: id },
  });
  await prisma().$executeRaw`UPDATE "Image" SET "updatedAt" = ${MINUTES_AGO(minutes)} WHERE "id" = ${id}::uuid`;
  return id;
}

/** Moves the batch's own timestamps back, so it shows no recent progress. */
async function idle(batchId: string, minutes: number) {
  await prisma()
    .$executeRaw`UPDATE "Batch" SET "updatedAt" = ${MINUTES_AGO(minutes)}, "startedAt" = ${MINUTES_AGO(minutes)} WHERE "id" = ${batchId}::uuid`;
}

async function liveJobsFor(queue: string, key: string, id: string): Promise<number> {
  const rows = await prisma().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pgboss.job
    WHERE "name" = ${queue} AND "state" IN ('created', 'retry', 'active') AND "data"->>${key} = ${id}`;
  return rows[0]!.n;
}

const reset = (id: string, body?: unknown) =>
  callRoute(resetRoute, { method: "POST", headers: admin.headers, body, params: { id } });

const statusOf = async (imageId: string) =>
  (await prisma().image.findUniqueOrThrow({ where: { id: imageId } })).processingStatus;

describe("resetting a stuck batch", () => {
  it("re-queues the photos no worker holds, leaves the one a live job holds, and the batch stays consistent", async () => {
    const batchId = await batchIn("PROCESSING");
    const orphan = await imageIn(batchId, "PROCESSING", 10);
    const held = await imageIn(batchId, "PROCESSING", 10);
    await jobIn(boss, PROCESS_IMAGE_JOB, "active", { imageId: held });
    const queuedNoJob = await imageIn(batchId, "QUEUED", 10);
    const ready = await imageIn(batchId, "READY", 10);

    const status = queueStatusSchema.parse((await callRoute(statusRoute, { headers: admin.headers })).body);
    expect(status.stuck_batches).toEqual([
      expect.objectContaining({ batch_id: batchId, status: "PROCESSING", orphan_images: 2, orphan_urls: 0 }),
    ]);

    const answer = await reset(batchId);
    expect(answer.status).toBe(200);
    expect(batchResetResultSchema.parse(answer.body)).toEqual({
      batch_id: batchId,
      status_before: "PROCESSING",
      status: "PROCESSING",
      images_reset: 1,
      images_requeued: 2,
      urls_reset: 0,
      chunks_reset: 0,
      chunk_jobs_sent: 0,
      forced: false,
    });
    expect(await statusOf(orphan)).toBe("QUEUED");
    expect(await statusOf(held)).toBe("PROCESSING");
    expect(await statusOf(queuedNoJob)).toBe("QUEUED");
    expect(await statusOf(ready)).toBe("READY");
    expect(await liveJobsFor(PROCESS_IMAGE_JOB, "imageId", orphan)).toBe(1);
    expect(await liveJobsFor(PROCESS_IMAGE_JOB, "imageId", queuedNoJob)).toBe(1);
    expect(await liveJobsFor(PROCESS_IMAGE_JOB, "imageId", held)).toBe(1);
    expect(await liveJobsFor(PROCESS_IMAGE_JOB, "imageId", ready)).toBe(0);

    // Everything is now held by a live job: the batch is no longer stuck, and a second reset is refused.
    const again = await reset(batchId);
    expect(again).toMatchObject({ status: 409, body: { error: "BATCH_NOT_STUCK" } });
    const audit = await prisma().auditLog.findMany({ where: { action: "BATCH_RESET" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "Batch", entityId: batchId, userId: admin.user.id });
  });

  it("finishes a running batch whose photos are all done but that was never marked finished", async () => {
    const batchId = await batchIn("PROCESSING");
    await imageIn(batchId, "READY", 30);
    await imageIn(batchId, "FAILED", 30);
    await idle(batchId, 30);
    const answer = await reset(batchId);
    expect(answer).toMatchObject({
      status: 200,
      body: { status_before: "PROCESSING", status: "COMPLETED_WITH_ERRORS" },
    });
    const batch = await prisma().batch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.finishedAt).not.toBeNull();
  });

  it("puts URLs fetching and chunks running with no live job back to pending and sends their chunk job; a chunk with a live job keeps its URLs", async () => {
    const batchId = await batchIn("PROCESSING", "URL_LIST");
    const orphanChunk = await prisma().batchChunk.create({
      data: { batchId, index: 0, total: 3, status: "RUNNING", worker: "dead:1" },
    });
    const liveChunk = await prisma().batchChunk.create({
      data: { batchId, index: 1, total: 1, status: "RUNNING", worker: "alive:2" },
    });
    await jobIn(boss, URL_CHUNK_JOB, "active", { chunkId: liveChunk.id });
    const url = (chunkId: string, line: number, status: "FETCHING" | "STORED" | "PENDING") =>
      prisma().batchUrl.create({
        data: { batchId, chunkId, lineNumber: line, url: `http://127.0.0.1:9/${line}.jpg`, status },
      });
    const fetching1 = await url(orphanChunk.id, 1, "FETCHING");
    const fetching2 = await url(orphanChunk.id, 2, "FETCHING");
    const stored = await url(orphanChunk.id, 3, "STORED");
    const heldUrl = await url(liveChunk.id, 4, "FETCHING");
    await prisma()
      .$executeRaw`UPDATE "BatchUrl" SET "updatedAt" = ${MINUTES_AGO(10)} WHERE "batchId" = ${batchId}::uuid`;
    await prisma()
      .$executeRaw`UPDATE "BatchChunk" SET "updatedAt" = ${MINUTES_AGO(10)} WHERE "batchId" = ${batchId}::uuid`;

    const answer = await reset(batchId);
    expect(answer.status).toBe(200);
    expect(batchResetResultSchema.parse(answer.body)).toMatchObject({
      status: "PROCESSING",
      urls_reset: 2,
      chunks_reset: 1,
      chunk_jobs_sent: 1,
    });
    const urls = await prisma().batchUrl.findMany({ where: { batchId } });
    const urlStatus = (id: string) => urls.find((u) => u.id === id)!.status;
    expect(urlStatus(fetching1.id)).toBe("PENDING");
    expect(urlStatus(fetching2.id)).toBe("PENDING");
    expect(urlStatus(stored.id)).toBe("STORED");
    expect(urlStatus(heldUrl.id)).toBe("FETCHING");
    const chunks = await prisma().batchChunk.findMany({ where: { batchId }, orderBy: { index: "asc" } });
    expect(chunks.map((c) => [c.status, c.worker])).toEqual([
      ["PENDING", null],
      ["RUNNING", "alive:2"],
    ]);
    expect(await liveJobsFor(URL_CHUNK_JOB, "chunkId", orphanChunk.id)).toBe(1);
    expect(await liveJobsFor(URL_CHUNK_JOB, "chunkId", liveChunk.id)).toBe(1);
  });

  it("in a cancelled batch, rows a dead worker left are cancelled and nothing is sent", async () => {
    const batchId = await batchIn("CANCELLED");
    const orphan = await imageIn(batchId, "PROCESSING", 10);
    const answer = await reset(batchId);
    expect(answer).toMatchObject({ status: 200, body: { status: "CANCELLED", images_reset: 1, images_requeued: 0 } });
    expect(await statusOf(orphan)).toBe("CANCELLED");
    expect(await liveJobsFor(PROCESS_IMAGE_JOB, "imageId", orphan)).toBe(0);
  });

  it("in a paused batch, photos a dead worker left go back to queued without a job (Retomar sends them)", async () => {
    const batchId = await batchIn("PAUSED");
    const orphan = await imageIn(batchId, "PROCESSING", 10);
    const answer = await reset(batchId);
    expect(answer).toMatchObject({ status: 200, body: { status: "PAUSED", images_reset: 1, images_requeued: 0 } });
    expect(await statusOf(orphan)).toBe("QUEUED");
    expect(await liveJobsFor(PROCESS_IMAGE_JOB, "imageId", orphan)).toBe(0);
  });

  it("refuses a healthy batch unless forced, a finished batch always, and an unknown one with 404", async () => {
    const healthy = await batchIn("PROCESSING");
    const photo = await imageIn(healthy, "PROCESSING", 0);
    await jobIn(boss, PROCESS_IMAGE_JOB, "active", { imageId: photo });
    expect(await reset(healthy)).toMatchObject({ status: 409, body: { error: "BATCH_NOT_STUCK" } });
    const forced = await reset(healthy, { force: true });
    expect(forced).toMatchObject({
      status: 200,
      body: { forced: true, images_reset: 0, images_requeued: 0, status: "PROCESSING" },
    });
    expect(await statusOf(photo)).toBe("PROCESSING");

    const done = await batchIn("COMPLETED");
    expect(await reset(done, { force: true })).toMatchObject({
      status: 409,
      body: { error: "BATCH_NOT_RESETTABLE", details: { status: "COMPLETED" } },
    });
    expect(await reset(randomUUID())).toMatchObject({ status: 404, body: { error: "NOT_FOUND" } });
    expect(await reset(healthy, { force: "yes" })).toMatchObject({ status: 400, body: { error: "VALIDATION_FAILED" } });
  });
});

import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  BATCH_MOVES,
  BATCH_STATUSES,
  beginProcessingUpdate,
  canMove,
  CONTROL_MOVES,
  finishBatchIfDone,
  moveBatchOrThrow,
  receiveUploadUpdate,
} from "@/lib/batches/batch-lifecycle";
import { createBatch } from "@/lib/batches/create-batch";
import { ingestUpload } from "@/lib/batches/ingest-upload";
import { processBatchImage } from "@/lib/batches/process-batch-image";
import { recoverStalledImages } from "@/lib/batches/recover-stalled-images";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma, type BatchStatus, type ProcessingStatus } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB, processImageJob } from "@/lib/images/process-image-job";
import { stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;

beforeEach(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
});

afterAll(async () => {
  await stopBoss();
});

const FINISHED_AT = new Date("2026-01-02T03:04:05Z");

async function batchIn(status: BatchStatus): Promise<string> {
  const batch = await createBatch(auth.user, { name: `Lote ${status}` });
  await getPrisma().batch.update({ where: { id: batch.id }, data: { status, finishedAt: FINISHED_AT } });
  return batch.id;
}

const statusOf = async (batchId: string) =>
  (await getPrisma().batch.findUniqueOrThrow({ where: { id: batchId } })).status;

/** An image of the batch (received by it, as an upload would) in the given processing state; its original is not in storage. */
async function imageIn(batchId: string, processingStatus: ProcessingStatus): Promise<string> {
  const id = randomUUID();
  await getPrisma().image.create({
    data: {
      id,
      batchId,
      originalName: `${id}.jpg`,
      storageKey: `originals/${id}.jpg`,
      contentType: "image/jpeg",
      bytes: 10n,
      sha256: id,
      processingStatus,
    },
  });
  await getPrisma().batchUpload.create({
    data: { batchId, clientUploadId: id, originalName: `${id}.jpg`, bytes: 10n, imageId: id },
  });
  return id;
}

async function jobsFor(imageId: string): Promise<number> {
  const rows = await getPrisma().$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM pgboss.job WHERE "name" = ${PROCESS_IMAGE_JOB} AND "data"->>'imageId' = ${imageId}`;
  return Number(rows[0]!.n);
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof ApiError ? error.code : error),
  );

describe("batch lifecycle in PostgreSQL", () => {
  it("applies each control move only from its sources; from any other status the UPDATE refuses and the batch is left as it was", async () => {
    const outcomes: string[] = [];
    for (const move of CONTROL_MOVES) {
      for (const from of BATCH_STATUSES) {
        const batchId = await batchIn(from);
        const refused = await rejection(moveBatchOrThrow(batchId, move));
        const after = await statusOf(batchId);
        outcomes.push(`${move} ${from}: ${refused ?? "moved"} → ${after}`);
        const expected = canMove(move, from)
          ? `${move} ${from}: moved → ${BATCH_MOVES[move].to}`
          : `${move} ${from}: CONFLICT → ${from}`;
        expect(outcomes.at(-1)).toBe(expected);
      }
    }
    expect(outcomes).toHaveLength(CONTROL_MOVES.length * BATCH_STATUSES.length);
  });

  it("stamps the start and finish times with the moves that set them", async () => {
    const started = await batchIn("DRAFT");
    await moveBatchOrThrow(started, "start");
    const afterStart = await getPrisma().batch.findUniqueOrThrow({ where: { id: started } });
    expect(afterStart.startedAt).not.toBeNull();
    expect(afterStart.finishedAt).toBeNull();

    const cancelled = await batchIn("PAUSED");
    await moveBatchOrThrow(cancelled, "cancel");
    expect((await getPrisma().batch.findUniqueOrThrow({ where: { id: cancelled } })).finishedAt?.getTime()).not.toBe(
      FINISHED_AT.getTime(),
    );

    const paused = await batchIn("PROCESSING");
    await moveBatchOrThrow(paused, "pause");
    expect((await getPrisma().batch.findUniqueOrThrow({ where: { id: paused } })).finishedAt).toEqual(FINISHED_AT);
  });

  it("answers NOT_FOUND for a batch that does not exist", async () => {
    expect(await rejection(moveBatchOrThrow(randomUUID(), "pause"))).toBe("NOT_FOUND");
  });

  it("lets exactly one of concurrent identical moves through", async () => {
    const batchId = await batchIn("PAUSED");
    const results = await Promise.all(Array.from({ length: 8 }, () => rejection(moveBatchOrThrow(batchId, "resume"))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(7);
    expect(await statusOf(batchId)).toBe("QUEUED");
  });

  it("records an arriving upload: a draft starts uploading, a finished batch processes again, every other status stays", async () => {
    for (const from of BATCH_STATUSES) {
      const batchId = await batchIn(from);
      await getPrisma().$executeRaw`WITH moved AS (${receiveUploadUpdate(batchId, Prisma.sql`TRUE`)}) SELECT 1`;
      const after = await getPrisma().batch.findUniqueOrThrow({ where: { id: batchId } });
      const isReopened = from === "COMPLETED" || from === "COMPLETED_WITH_ERRORS";
      const expected = from === "DRAFT" ? "UPLOADING" : isReopened ? "PROCESSING" : from;
      expect(`${from} → ${after.status}`).toBe(`${from} → ${expected}`);
      // Reopening a finished batch clears its finish time; nothing else touches it.
      expect(after.finishedAt).toEqual(isReopened ? null : FINISHED_AT);
    }
    const guarded = await batchIn("DRAFT");
    await getPrisma().$executeRaw`WITH moved AS (${receiveUploadUpdate(guarded, Prisma.sql`FALSE`)}) SELECT 1`;
    expect(await statusOf(guarded)).toBe("DRAFT");
  });

  it("starts processing only a queued batch when a worker takes one of its photos", async () => {
    for (const from of BATCH_STATUSES) {
      const batchId = await batchIn(from);
      await getPrisma()
        .$executeRaw`WITH moved AS (${beginProcessingUpdate(Prisma.sql`SELECT ${batchId}::uuid`)}) SELECT 1`;
      expect(`${from} → ${await statusOf(batchId)}`).toBe(`${from} → ${from === "QUEUED" ? "PROCESSING" : from}`);
    }
  });

  it("finishes only a running batch with nothing left to process, with errors when a photo failed", async () => {
    const clean = await batchIn("PROCESSING");
    await imageIn(clean, "READY");
    await finishBatchIfDone(clean);
    expect(await statusOf(clean)).toBe("COMPLETED");

    const withFailure = await batchIn("QUEUED");
    await imageIn(withFailure, "READY");
    await imageIn(withFailure, "FAILED");
    await finishBatchIfDone(withFailure);
    expect(await statusOf(withFailure)).toBe("COMPLETED_WITH_ERRORS");

    const pending = await batchIn("PROCESSING");
    await imageIn(pending, "READY");
    await imageIn(pending, "QUEUED");
    await finishBatchIfDone(pending);
    expect(await statusOf(pending)).toBe("PROCESSING");

    for (const from of ["DRAFT", "UPLOADING", "PAUSED", "CANCELLED"] as const) {
      const idle = await batchIn(from);
      await imageIn(idle, "READY");
      await finishBatchIfDone(idle);
      expect(await statusOf(idle)).toBe(from);
    }
  });

  it("keeps a paused or cancelled batch's photos from the workers; a queued batch's photo is taken and the batch follows it", async () => {
    for (const held of ["PAUSED", "CANCELLED"] as const) {
      const batchId = await batchIn(held);
      const imageId = await imageIn(batchId, "QUEUED");
      expect(await processBatchImage(imageId, { jobId: "t", attempt: 1, isLastAttempt: true })).toBe("skipped");
      expect((await getPrisma().image.findUniqueOrThrow({ where: { id: imageId } })).processingStatus).toBe("QUEUED");
      expect(await statusOf(batchId)).toBe(held);
    }
    const batchId = await batchIn("QUEUED");
    const [first, second] = [await imageIn(batchId, "QUEUED"), await imageIn(batchId, "QUEUED")];
    // The originals are not in storage: each photo fails with a reason; the batch processes, then finishes with errors.
    expect(await processBatchImage(first, { jobId: "t", attempt: 1, isLastAttempt: true })).toBe("failed");
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: first } })).processingErrorCode).toBe(
      "ORIGINAL_MISSING",
    );
    expect(await statusOf(batchId)).toBe("PROCESSING");
    expect(await processBatchImage(second, { jobId: "t", attempt: 1, isLastAttempt: true })).toBe("failed");
    expect(await statusOf(batchId)).toBe("COMPLETED_WITH_ERRORS");
  });

  it("queues a file whose request read the batch before it was started (the statement reads the batch's status itself)", async () => {
    const batchId = await batchIn("DRAFT");
    const target = await getPrisma().batch.findUniqueOrThrow({
      where: { id: batchId },
      select: { id: true, status: true, brandId: true, collectionId: true },
    });
    // "Processar Todos" lands while this request's file is still streaming in.
    await moveBatchOrThrow(batchId, "start");
    const result = await ingestUpload({
      batch: target,
      uploadId: "late",
      fileName: "late.jpg",
      relativePath: null,
      body: Readable.from([await makeJpeg(41)]),
      maxBytes: 10_000_000,
    });
    expect(result.status).toBe("stored");
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: result.imageId! } })).processingStatus).toBe(
      "QUEUED",
    );
    expect(await jobsFor(result.imageId!)).toBe(1);
    expect(await statusOf(batchId)).toBe("QUEUED");
  });

  it("queues a file left waiting in a running batch (recorded just as the batch started), and none of a batch not started", async () => {
    await ensureQueue(processImageJob);
    const running = await batchIn("PROCESSING");
    const left = await imageIn(running, "UPLOADED");
    const draft = await batchIn("UPLOADING");
    const waiting = await imageIn(draft, "UPLOADED");
    const fresh = await imageIn(running, "UPLOADED");
    await getPrisma().image.updateMany({
      where: { id: { in: [left, waiting] } },
      data: { updatedAt: new Date(Date.now() - 60_000) },
    });

    expect(await recoverStalledImages()).toBe(1);
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: left } })).processingStatus).toBe("QUEUED");
    expect(await jobsFor(left)).toBe(1);
    // A batch not started keeps its files until "Processar Todos"; a file just recorded gets its moment.
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: waiting } })).processingStatus).toBe("UPLOADED");
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: fresh } })).processingStatus).toBe("UPLOADED");
    expect(await recoverStalledImages()).toBe(0);
  });

  it("finishes a running batch whose last photo was written but never finished it (a process killed in between)", async () => {
    const done = await batchIn("PROCESSING");
    await imageIn(done, "READY");
    const failed = await batchIn("QUEUED");
    await imageIn(failed, "READY");
    await imageIn(failed, "FAILED");
    const busy = await batchIn("PROCESSING");
    await imageIn(busy, "READY");
    await imageIn(busy, "PROCESSING");
    const recent = await batchIn("PROCESSING");
    await imageIn(recent, "READY");
    await getPrisma()
      .$executeRaw`UPDATE "Batch" SET "updatedAt" = now() - interval '1 minute' WHERE "id" IN (${done}::uuid, ${failed}::uuid, ${busy}::uuid)`;

    await recoverStalledImages();
    expect(await statusOf(done)).toBe("COMPLETED");
    expect(await statusOf(failed)).toBe("COMPLETED_WITH_ERRORS");
    expect(await statusOf(busy)).toBe("PROCESSING");
    // Its last photo's own finishBatchIfDone may still be on its way: the sweep leaves it that moment.
    expect(await statusOf(recent)).toBe("PROCESSING");
  });
});

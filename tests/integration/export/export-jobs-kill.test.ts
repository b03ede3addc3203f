// A killed worker process does not lose an export job, and never serves its half file: the job runs
// in a child process SIGKILLed mid-file; once its silence passes EXPORT_JOB_STALL_SECONDS the
// recovery task queues it again and a new worker writes the whole file from scratch.
import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as downloadJob } from "@/app/api/v1/export/jobs/[id]/download/route";
import { getPrisma } from "@/lib/db/client";
import { createExportJob } from "@/lib/export/jobs/export-jobs-api";
import { exportJobHandler } from "@/lib/export/jobs/export-job-handler";
import { recoverStalledExportJobs } from "@/lib/export/jobs/maintain-export-jobs";
import { exportJobStorageKey } from "@/lib/export/jobs/run-export-job";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor } from "../../support/api-client";
import { killAllChildren, startChild } from "../../support/child-process";
import { truncateAllTables } from "../../support/db";

vi.hoisted(() => {
  process.env.EXPORT_JOB_STALL_SECONDS = "5";
});

const ROWS = 8_000;
const startChildWorker = async () => (await startChild("tests/integration/export/export-worker-child.ts")).child;

afterAll(async () => {
  killAllChildren();
  await stopWorkers();
  await stopBoss();
});

describe("SIGKILL during an export job", () => {
  it("the job is run again from scratch; only the whole file is ever served", { timeout: 150_000 }, async () => {
    await truncateAllTables();
    const owner = await apiTokenFor("VIEWER");
    const prisma = getPrisma();
    const batch = await prisma.batch.create({ data: { name: "Morto de verdade" } });
    const images = Array.from({ length: ROWS }, (_, i) => ({
      id: randomUUID(),
      batchId: batch.id,
      originalName: `K_${String(i).padStart(5, "0")}.jpg`,
      storageKey: `originals/${randomUUID()}.jpg`,
      sha256: randomUUID().replace(/-/g, "").padEnd(64, "0"),
      contentType: "image/jpeg",
      bytes: BigInt(1000),
      processingStatus: "READY" as const,
    }));
    await prisma.image.createMany({ data: images });
    await prisma.batchUpload.createMany({
      data: images.map((image) => ({
        batchId: batch.id,
        clientUploadId: image.id,
        originalName: image.originalName,
        bytes: image.bytes,
        imageId: image.id,
      })),
    });

    const child = await startChildWorker();
    const job = await createExportJob(owner.user as never, {
      kind: "batch",
      batch_id: batch.id,
      format: "csv",
      metadata: true,
      separator: ";",
      success_only: false,
      failed_only: false,
    });
    await expect
      .poll(async () => (await prisma.exportRecord.findUniqueOrThrow({ where: { id: job.id } })).rows, {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThan(0);
    await new Promise<void>((resolve) => {
      child.removeAllListeners("exit");
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
    const dead = await prisma.exportRecord.findUniqueOrThrow({ where: { id: job.id } });
    expect(dead).toMatchObject({ status: "RUNNING", attempt: 1, storageKey: null });
    expect(dead.rows).toBeLessThan(ROWS);
    const early = await downloadJob(
      new Request(`http://localhost/api/v1/export/jobs/${job.id}/download`, { headers: owner.headers }),
      { params: Promise.resolve({ id: job.id }) },
    );
    expect(early.status).toBe(409);

    // Not taken over while it may still be alive; then, silent past the stall time, queued again.
    expect(await recoverStalledExportJobs()).toBe(0);
    await startWorkers({ handlers: [exportJobHandler] });
    await expect.poll(() => recoverStalledExportJobs(), { timeout: 20_000, interval: 500 }).toBe(1);
    await expect
      .poll(async () => (await prisma.exportRecord.findUniqueOrThrow({ where: { id: job.id } })).status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("DONE");
    const done = await prisma.exportRecord.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ attempt: 2, rows: ROWS, storageKey: exportJobStorageKey(job.id, "csv") });
    expect((await getStorage().head(done.storageKey!))?.size).toBe(Number(done.bytes));

    const response = await downloadJob(
      new Request(`http://localhost/api/v1/export/jobs/${job.id}/download`, { headers: owner.headers }),
      { params: Promise.resolve({ id: job.id }) },
    );
    expect(response.status).toBe(200);
    const text = Buffer.from(await response.arrayBuffer()).toString("utf8");
    const rows = Papa.parse<Record<string, string>>(text.slice(1), {
      delimiter: ";",
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.arquivo)).size).toBe(ROWS);
  });
});

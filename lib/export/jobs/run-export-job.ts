import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import type { JobContext, JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { assertValidKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { exportJobSource } from "./export-job-source";
import { exportJobRequestSchema } from "./schemas";

const log = getLogger("EXPORT");
/** How often a running job writes its progress (rows so far), which is also its heartbeat. */
export const EXPORT_PROGRESS_INTERVAL_MS = 1_000;

/** The job's file: one key per export, so a retry overwrites what a killed run left instead of adding a blob. */
export const exportJobStorageKey = (exportId: string, extension: string) => {
  const key = `exports/jobs/${exportId}.${extension}`;
  assertValidKey(key);
  return key;
};

/** Thrown into the stream when another run has taken the record over: this one stops writing. */
class TakenOverError extends Error {}

/**
 * Runs one export job: claims its record (QUEUED → RUNNING, attempt + 1), counts the rows, streams
 * the file through exportStream into blob storage while writing the rows so far every second, and
 * only when the blob is complete marks the record DONE with its key and expiry — one conditional
 * UPDATE on this run's attempt, so a file is named only whole and a stale run writes nothing.
 * A request that no longer holds (a batch deleted since) fails with its code; a storage or
 * database error puts the record back to QUEUED for pg-boss's retry, FAILED on the last attempt.
 */
export async function runExportJob(exportId: string, context: JobContext): Promise<JobOutcome> {
  const prisma = getPrisma();
  const [claimed] = await prisma.exportRecord.updateManyAndReturn({
    where: { id: exportId, status: "QUEUED" },
    data: { status: "RUNNING", attempt: { increment: 1 }, heartbeatAt: new Date(), rows: 0, bytes: 0, errorCode: null },
  });
  if (!claimed) return "skipped";
  const owned = { id: exportId, status: "RUNNING" as const, attempt: claimed.attempt };
  let rows = 0;
  let isTakenOver = false;
  const writeProgress = async (data: { totalRows?: number } = {}) => {
    const { count } = await prisma.exportRecord.updateMany({
      where: owned,
      data: { rows, heartbeatAt: new Date(), ...data },
    });
    if (count === 0) isTakenOver = true;
  };
  const timer = setInterval(
    () =>
      void writeProgress().catch((error: unknown) =>
        log.warn({ action: "EXPORT_JOB_PROGRESS_FAILED", exportId, err: String(error) }, "Progresso não gravado"),
      ),
    EXPORT_PROGRESS_INTERVAL_MS,
  );
  let body: Readable | undefined;
  try {
    const request = exportJobRequestSchema.parse(claimed.params);
    const source = await exportJobSource(request);
    await writeProgress({ totalRows: source.totalRows });
    async function* counted<Page extends { readonly length: number }>(pages: AsyncIterable<Page>): AsyncIterable<Page> {
      for await (const page of pages) {
        if (isTakenOver) throw new TakenOverError("Export job taken over by another run");
        rows += page.length;
        yield page;
      }
    }
    const key = exportJobStorageKey(exportId, source.extension);
    let bytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.byteLength;
        done(null, chunk);
      },
    });
    body = Readable.fromWeb(source.stream(counted) as never);
    const upload = getStorage().put(key, measure, { contentType: source.contentType });
    await Promise.all([pipeline(body, measure), upload]);
    const now = new Date();
    const { count } = await prisma.exportRecord.updateMany({
      where: owned,
      data: {
        status: "DONE",
        storageKey: key,
        rows,
        bytes: BigInt(bytes),
        totalRows: rows,
        finishedAt: now,
        heartbeatAt: now,
        expiresAt: new Date(now.getTime() + getEnv().EXPORT_JOB_TTL_HOURS * 3_600_000),
      },
    });
    if (count === 0) return "skipped";
    log.info(
      { action: "EXPORT_JOB_DONE", exportId, rows, bytes, attempt: owned.attempt },
      "Exportação em segundo plano pronta",
    );
    return "success";
  } catch (error) {
    if (isTakenOver || error instanceof TakenOverError) return "skipped";
    body?.destroy();
    // A request that no longer holds (a batch deleted since, a stored request that no longer parses) fails at once.
    const isPermanent = error instanceof ApiError || (error instanceof Error && error.name === "ZodError");
    if (isPermanent || context.isLastAttempt) {
      const errorCode = error instanceof ApiError ? error.code : "EXPORT_JOB_FAILED";
      await prisma.exportRecord.updateMany({
        where: owned,
        data: { status: "FAILED", errorCode, finishedAt: new Date(), rows },
      });
      log.warn(
        { action: "EXPORT_JOB_FAILED", exportId, errorCode, err: String(error) },
        "Exportação em segundo plano falhou",
      );
      return "failed";
    }
    // Back to QUEUED for pg-boss's retry, which runs it again from scratch.
    await prisma.exportRecord.updateMany({ where: owned, data: { status: "QUEUED", rows: 0 } });
    throw error;
  } finally {
    clearInterval(timer);
  }
}

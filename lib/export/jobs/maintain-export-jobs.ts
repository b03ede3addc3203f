import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { sendJob } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { exportFileJob } from "./export-job";

const log = getLogger("EXPORT");

/** Queues the job of an export record (a second live job for one record finds it claimed and skips). */
export async function sendExportJob(exportId: string): Promise<void> {
  await ensureQueue(exportFileJob);
  await sendJob(exportFileJob.name, { exportId });
}

/**
 * Export jobs whose worker died (RUNNING, no progress written for EXPORT_JOB_STALL_SECONDS) go back
 * to QUEUED with a new job, which writes the file again from scratch (the same key: what the dead
 * run wrote is overwritten, and nothing was named DONE). The dead run's own pg-boss job, retried
 * at its expiry, finds the record taken and skips.
 */
export async function recoverStalledExportJobs(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - getEnv().EXPORT_JOB_STALL_SECONDS * 1000);
  const stalled = await getPrisma().exportRecord.updateManyAndReturn({
    where: { status: "RUNNING", heartbeatAt: { lt: cutoff } },
    data: { status: "QUEUED", rows: 0 },
    select: { id: true },
  });
  for (const { id } of stalled) await sendExportJob(id);
  if (stalled.length > 0)
    log.warn({ action: "EXPORT_JOBS_RECOVERED", count: stalled.length }, "Exportações paradas enviadas de novo");
  return stalled.length;
}

/** Finished export files past their expiry: the blob deleted, the record EXPIRED (its download answers 410). */
export async function expireExportFiles(now = new Date()): Promise<number> {
  const prisma = getPrisma();
  const due = await prisma.exportRecord.findMany({
    where: { status: "DONE", expiresAt: { lte: now } },
    select: { id: true, storageKey: true },
    take: 500,
  });
  for (const record of due) {
    if (record.storageKey) await getStorage().delete(record.storageKey);
    await prisma.exportRecord.updateMany({
      where: { id: record.id, status: "DONE" },
      data: { status: "EXPIRED", storageKey: null },
    });
  }
  if (due.length > 0)
    log.info({ action: "EXPORT_FILES_EXPIRED", count: due.length }, "Arquivos de exportação expirados");
  return due.length;
}

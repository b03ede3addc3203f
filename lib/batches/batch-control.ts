import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { PRIORITY_REPROCESS } from "@/lib/images/process-image-job";
import { getLogger } from "@/lib/log/logger";
import { getBatchOrThrow } from "./batch-queries";
import { finishBatchIfDone, moveBatchOrThrow, NOT_STARTED } from "./batch-lifecycle";
import { enqueueImageJobs } from "./enqueue-images";
import type { batchActionResultSchema } from "./schemas";

const log = getLogger("BATCH");

/** Images reachable from a batch (its own and the ones its duplicates point at) in the given states. */
async function batchImageIds(batchId: string, states: string[]): Promise<string[]> {
  const rows = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT DISTINCT i."id"::text AS id FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
    WHERE u."batchId" = ${batchId}::uuid AND i."processingStatus"::text = ANY(${states}::text[])`;
  return rows.map((r) => r.id);
}

async function queueImages(imageIds: string[], priority?: number): Promise<void> {
  if (imageIds.length === 0) return;
  await getPrisma().image.updateMany({
    where: { id: { in: imageIds }, processingStatus: { in: ["UPLOADED", "FAILED", "CANCELLED", "QUEUED"] } },
    data: { processingStatus: "QUEUED", processingError: null, processingErrorCode: null },
  });
  await enqueueImageJobs(imageIds, priority);
}

async function audit(actor: SessionUser, action: string, batchId: string, data: Record<string, number> = {}) {
  await recordAudit({ userId: actor.id, action, entityType: "Batch", entityId: batchId, data });
  log.info({ action, batchId, userId: actor.id, ...data }, "Controle de lote");
}

/** Starts processing every uploaded file of the batch. */
export async function startBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "start");
  const ids = await batchImageIds(batchId, ["UPLOADED"]);
  await queueImages(ids);
  await audit(actor, "BATCH_START", batchId, { images: ids.length });
  await finishBatchIfDone(batchId);
  return getBatchOrThrow(batchId);
}

/** "Processar Todos": starts every batch that has files and has not been started. */
export async function startAllBatches(actor: SessionUser): Promise<string[]> {
  const batches = await getPrisma().batch.findMany({
    where: { status: { in: [...NOT_STARTED] }, deletedAt: null, uploads: { some: {} } },
    select: { id: true },
  });
  for (const batch of batches) await startBatch(actor, batch.id);
  return batches.map((b) => b.id);
}

export async function pauseBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "pause");
  await audit(actor, "BATCH_PAUSE", batchId);
  return getBatchOrThrow(batchId);
}

export async function resumeBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "resume");
  // Jobs that ran while paused left their images queued; send them again.
  const ids = await batchImageIds(batchId, ["QUEUED", "UPLOADED"]);
  await queueImages(ids);
  await audit(actor, "BATCH_RESUME", batchId, { images: ids.length });
  await finishBatchIfDone(batchId);
  return getBatchOrThrow(batchId);
}

export async function cancelBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "cancel");
  const cancelled = await getPrisma().image.updateMany({
    where: { batchId, processingStatus: { in: ["UPLOADED", "QUEUED"] } },
    data: { processingStatus: "CANCELLED" },
  });
  await audit(actor, "BATCH_CANCEL", batchId, { images: cancelled.count });
  return getBatchOrThrow(batchId);
}

/**
 * Re-queues the failed items; the originals are already in storage (seed: /batch/{id}/reprocess).
 * Answers the batch and how many images went back to the queue.
 */
export async function reprocessFailed(
  actor: SessionUser,
  batchId: string,
): Promise<z.infer<typeof batchActionResultSchema>> {
  const ids = await batchImageIds(batchId, ["FAILED"]);
  if (ids.length === 0) throw new ApiError("CONFLICT", "Não há itens com falha para reprocessar.");
  await moveBatchOrThrow(batchId, "reprocessFailed");
  await queueImages(ids, PRIORITY_REPROCESS);
  await audit(actor, "BATCH_REPROCESS", batchId, { images: ids.length });
  return { ...(await getBatchOrThrow(batchId)), requeued: ids.length };
}

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
import type { batchActionResultSchema, ReprocessOptions } from "./schemas";
import {
  cancelUrls,
  countRetryableUrls,
  pauseUrlChunks,
  reprocessCategories,
  requeueFailedUrls,
  sendUrlChunks,
} from "./url-chunks/url-batch-control";

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

/** Starts processing every uploaded file of the batch; a URL batch's chunks are sent to the fetch workers. */
export async function startBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "start");
  const ids = await batchImageIds(batchId, ["UPLOADED"]);
  await queueImages(ids);
  const chunks = await sendUrlChunks(batchId);
  await audit(actor, "BATCH_START", batchId, { images: ids.length, chunks });
  await finishBatchIfDone(batchId);
  return getBatchOrThrow(batchId);
}

/**
 * Seed 004's force-start: (re)starts a batch that is not finished whatever it waits for — a draft,
 * a paused batch, or one queued or processing whose jobs were lost: its waiting files and URL
 * chunks are sent again (a job sent twice is harmless: the claims decide).
 */
export async function forceStartBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "forceStart");
  await getPrisma().batch.updateMany({ where: { id: batchId, startedAt: null }, data: { startedAt: new Date() } });
  const ids = await batchImageIds(batchId, ["UPLOADED", "QUEUED"]);
  await queueImages(ids);
  const chunks = await sendUrlChunks(batchId);
  await audit(actor, "BATCH_FORCE_START", batchId, { images: ids.length, chunks });
  await finishBatchIfDone(batchId);
  return getBatchOrThrow(batchId);
}

/** "Processar Todos": starts every batch that has files (or URLs to fetch) and has not been started. */
export async function startAllBatches(actor: SessionUser): Promise<string[]> {
  const batches = await getPrisma().batch.findMany({
    where: {
      status: { in: [...NOT_STARTED] },
      OR: [{ uploads: { some: {} } }, { urls: { some: { status: "PENDING" } } }],
    },
    select: { id: true },
  });
  for (const batch of batches) await startBatch(actor, batch.id);
  return batches.map((b) => b.id);
}

export async function pauseBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "pause");
  await pauseUrlChunks(batchId);
  await audit(actor, "BATCH_PAUSE", batchId);
  return getBatchOrThrow(batchId);
}

export async function resumeBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "resume");
  // Jobs that ran while paused left their images queued; send them again.
  const ids = await batchImageIds(batchId, ["QUEUED", "UPLOADED"]);
  await queueImages(ids);
  const chunks = await sendUrlChunks(batchId);
  await audit(actor, "BATCH_RESUME", batchId, { images: ids.length, chunks });
  await finishBatchIfDone(batchId);
  return getBatchOrThrow(batchId);
}

export async function cancelBatch(actor: SessionUser, batchId: string) {
  await moveBatchOrThrow(batchId, "cancel");
  const cancelled = await getPrisma().image.updateMany({
    where: { batchId, processingStatus: { in: ["UPLOADED", "QUEUED"] } },
    data: { processingStatus: "CANCELLED" },
  });
  const urls = await cancelUrls(batchId);
  await audit(actor, "BATCH_CANCEL", batchId, { images: cancelled.count, urls });
  return getBatchOrThrow(batchId);
}

/**
 * Re-queues the failed items (seed: /batch/{id}/reprocess): the failed processing of its files (the
 * originals are already in storage) and a URL batch's URLs that failed for network reasons (DNS,
 * refused, timeout, HTTP 5xx, network) or in our storage. `only: "network"` ("reprocessar falhas de
 * rede") retries only those network failures. Answers the batch and how many went back to the queue.
 */
export async function reprocessFailed(
  actor: SessionUser,
  batchId: string,
  options: ReprocessOptions = {},
): Promise<z.infer<typeof batchActionResultSchema>> {
  const categories = reprocessCategories(options.only);
  const ids = options.only === "network" ? [] : await batchImageIds(batchId, ["FAILED"]);
  const urls = await countRetryableUrls(batchId, categories);
  if (ids.length === 0 && urls === 0)
    throw new ApiError("CONFLICT", "Não há itens com falha para reprocessar.", { code: "NOTHING_TO_REPROCESS" });
  await moveBatchOrThrow(batchId, "reprocessFailed");
  await queueImages(ids, PRIORITY_REPROCESS);
  const requeuedUrls = await requeueFailedUrls(batchId, categories);
  await audit(actor, "BATCH_REPROCESS", batchId, { images: ids.length, urls: requeuedUrls });
  return {
    ...(await getBatchOrThrow(batchId)),
    requeued: ids.length + requeuedUrls,
    requeuedImages: ids.length,
    requeuedUrls,
  };
}

import { Readable } from "node:stream";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { analyzeImage, ImageAnalysisError } from "./analyze-image";
import { matchImageToCarteira } from "./match-image-to-carteira";
import type { JobContext, JobOutcome } from "@/lib/jobs/define-job";
import { finishBatchIfDone } from "@/lib/batches/finish-batch";

const log = getLogger("BATCH");
/** A claim older than this is considered abandoned (its worker died) and can be taken over. */
export function processingLeaseSeconds(): number {
  return Math.ceil(getEnv().IMAGE_JOB_EXPIRE_SECONDS * 0.75);
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ImageAnalysisError("IMAGE_TOO_LARGE", "Arquivo maior que o limite de envio.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Atomically takes the image for this worker: queued, or processing with an expired lease. */
async function claimImage(imageId: string): Promise<boolean> {
  const claimed = await getPrisma().$executeRaw`
    UPDATE "Image" i SET "processingStatus" = 'PROCESSING', "processingStartedAt" = now(), "attempts" = i."attempts" + 1, "updatedAt" = now()
    WHERE i."id" = ${imageId}::uuid
      AND (i."processingStatus" = 'QUEUED'
        OR (i."processingStatus" = 'PROCESSING' AND i."processingStartedAt" < now() - make_interval(secs => ${processingLeaseSeconds()})))
      AND NOT EXISTS (SELECT 1 FROM "Batch" b WHERE b."id" = i."batchId" AND b."status" IN ('PAUSED', 'CANCELLED'))`;
  return claimed > 0;
}

async function markFailed(imageId: string, code: string, message: string): Promise<void> {
  await getPrisma().image.update({
    where: { id: imageId },
    data: { processingStatus: "FAILED", processingErrorCode: code, processingError: message, processedAt: new Date() },
  });
}

/**
 * The per-photo pipeline: one decode → metadata, thumbnail (stored in blob storage), perceptual
 * hash, dominant colours; then the filename → SKU match. A bad file fails with a clear pt-BR
 * reason and does not throw (no retry can fix it); storage/database errors throw so the job is
 * retried with backoff, and the last attempt records the failure.
 */
export async function processImage(imageId: string, context: JobContext): Promise<JobOutcome> {
  if (!(await claimImage(imageId))) return "skipped";
  const prisma = getPrisma();
  const image = await prisma.image.findUniqueOrThrow({ where: { id: imageId } });
  // Every batch that received these bytes (duplicates included) follows this image's progress.
  const batchIds = [...new Set([image.batchId, ...(await prisma.batchUpload.findMany({ where: { imageId }, select: { batchId: true } })).map((u) => u.batchId)])];
  await prisma.batch.updateMany({ where: { id: { in: batchIds }, status: "QUEUED" }, data: { status: "PROCESSING" } });
  try {
    const storage = getStorage();
    const original = await storage.get(image.storageKey);
    if (!original) {
      await markFailed(imageId, "ORIGINAL_MISSING", "O arquivo original não foi encontrado no armazenamento.");
      return "failed";
    }
    const input = await readAll(original.body, getEnv().UPLOAD_MAX_BYTES + 1);
    let analysis;
    try {
      analysis = await analyzeImage(input);
    } catch (error) {
      if (!(error instanceof ImageAnalysisError)) throw error;
      await markFailed(imageId, error.code, error.message);
      log.warn({ action: "IMAGE_FAILED", imageId, code: error.code }, error.message);
      return "failed";
    }
    const thumbnailKey = image.thumbnailKey ?? newStorageKey("thumbnails", "jpg");
    await storage.put(thumbnailKey, analysis.thumbnail, { contentType: "image/jpeg" });
    await matchImageToCarteira(image);
    // One write for every analysis result and the READY state.
    await prisma.image.update({
      where: { id: imageId },
      data: {
        width: analysis.width,
        height: analysis.height,
        format: analysis.format,
        orientation: analysis.orientation,
        perceptualHash: analysis.perceptualHash,
        dominantColors: analysis.dominantColors,
        thumbnailKey,
        thumbnailBytes: analysis.thumbnail.length,
        processingStatus: "READY",
        processingError: null,
        processingErrorCode: null,
        processedAt: new Date(),
      },
    });
    return "success";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (context.isLastAttempt) {
      await markFailed(imageId, "PROCESSING_ERROR", "Falha temporária ao processar a imagem (armazenamento ou banco). Use “Reprocessar falhas”.");
    } else {
      // Back to the queue so the retry can claim it at once.
      await prisma.image.updateMany({ where: { id: imageId, processingStatus: "PROCESSING" }, data: { processingStatus: "QUEUED" } });
    }
    log.error({ action: "IMAGE_ERROR", imageId, attempt: context.attempt, err: message }, "Erro ao processar imagem");
    throw error;
  } finally {
    for (const batchId of batchIds) await finishBatchIfDone(batchId);
  }
}

import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { getEnv } from "@/lib/config/env";
import { getPrisma, Prisma } from "@/lib/db/client";
import type { JobContext, JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { analyzeImage, ImageAnalysisError, type ImageFailureCode } from "./analyze-image";
import { computeCarteiraMatch, MANUAL_MATCH_STATUSES, type ImageForMatching } from "./match-image-to-carteira";

const log = getLogger("BATCH");

/** A claim older than this is considered abandoned (its worker died) and can be taken over. */
export function processingLeaseSeconds(): number {
  return Math.ceil(getEnv().IMAGE_JOB_EXPIRE_SECONDS * 0.75);
}

const originalTooLarge = () => new ImageAnalysisError("IMAGE_TOO_LARGE", "Arquivo maior que o limite de envio.");

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw originalTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The original as libvips should read it: its path when storage keeps files on this machine (no
 * copy through JS, so no garbage-collector pressure from megabytes of buffers per photo), else its
 * bytes. Null when the object is gone.
 */
export async function openOriginal(storageKey: string): Promise<Buffer | string | null> {
  const storage = getStorage();
  const limit = getEnv().UPLOAD_MAX_BYTES;
  const localPath = storage.localPath(storageKey);
  if (localPath) {
    const info = await stat(localPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (!info) return null;
    if (info.size > limit) throw originalTooLarge();
    if (info.size === 0) throw new ImageAnalysisError("IMAGE_EMPTY", "Arquivo vazio.");
    return localPath;
  }
  const original = await storage.get(storageKey);
  return original ? readAll(original.body, limit) : null;
}

/** A photo a worker has taken (its status is PROCESSING under this worker's lease): what the pipeline reads. */
export type ClaimedImage = ImageForMatching & { storageKey: string; thumbnailKey: string | null };

/**
 * Runs on the original's bytes (its path on local storage) before anything is derived from them;
 * false: the photo was refused and removed (the pipeline stops, "failed"). Errors are retried like
 * storage errors.
 */
export type OriginalCheck = (image: ClaimedImage, input: Buffer | string) => Promise<boolean>;

/** The code is what the UI shows (localised); the pt-BR text is for the API and the log. */
async function markFailed(imageId: string, code: ImageFailureCode, message: string): Promise<void> {
  await getPrisma().image.update({
    where: { id: imageId },
    data: { processingStatus: "FAILED", processingErrorCode: code, processingError: message, processedAt: new Date() },
  });
}

/**
 * The per-photo pipeline, for a photo already claimed (lib/batches/process-batch-image.ts claims it
 * and follows up on its batches): one decode → metadata, thumbnail (stored in blob storage),
 * perceptual hash, dominant colours; then the filename → SKU match. A bad file fails with a clear
 * pt-BR reason and does not throw (no retry can fix it); storage/database errors throw so the job
 * is retried with backoff, and the last attempt records the failure.
 */
export async function processClaimedImage(
  image: ClaimedImage,
  context: JobContext,
  checkOriginal?: OriginalCheck,
): Promise<JobOutcome> {
  const imageId = image.id;
  const prisma = getPrisma();
  try {
    let analysis;
    try {
      const input = await openOriginal(image.storageKey);
      if (!input) {
        await markFailed(imageId, "ORIGINAL_MISSING", "O arquivo original não foi encontrado no armazenamento.");
        return "failed";
      }
      if (checkOriginal && !(await checkOriginal(image, input))) return "failed";
      analysis = await analyzeImage(input);
    } catch (error) {
      if (!(error instanceof ImageAnalysisError)) throw error;
      await markFailed(imageId, error.code, error.message);
      log.warn({ action: "IMAGE_FAILED", imageId, code: error.code, detail: error.detail }, error.message);
      return "failed";
    }
    const thumbnailKey = image.thumbnailKey ?? newStorageKey("thumbnails", "jpg");
    await getStorage().put(thumbnailKey, analysis.thumbnail, { contentType: "image/jpeg" });
    // One write for every analysis result, the filename → SKU link and the READY state. The link
    // fields keep a person's decision: checked on the row itself, not only on what was read.
    const match = MANUAL_MATCH_STATUSES.includes(image.matchStatus) ? null : await computeCarteiraMatch(image);
    const keepLink = Prisma.sql`(${match === null} OR "matchStatus"::text IN (${Prisma.join(MANUAL_MATCH_STATUSES)}))`;
    await prisma.$executeRaw`
      UPDATE "Image" SET
        "width" = ${analysis.width}, "height" = ${analysis.height}, "format" = ${analysis.format}, "orientation" = ${analysis.orientation},
        "duplicatesCheckedAt" = CASE WHEN "perceptualHash" IS DISTINCT FROM ${analysis.perceptualHash} THEN NULL ELSE "duplicatesCheckedAt" END,
        "perceptualHash" = ${analysis.perceptualHash}, "dominantColors" = ${JSON.stringify(analysis.dominantColors)}::jsonb,
        "thumbnailKey" = ${thumbnailKey}, "thumbnailBytes" = ${analysis.thumbnail.length},
        "productId" = CASE WHEN ${keepLink} THEN "productId" ELSE ${match?.productId ?? null}::uuid END,
        "matchStatus" = CASE WHEN ${keepLink} THEN "matchStatus" ELSE ${match?.matchStatus ?? "PENDING"}::"MatchStatus" END,
        "skuBase" = CASE WHEN ${keepLink} THEN "skuBase" ELSE ${match?.skuBase ?? null} END,
        "sequence" = CASE WHEN ${keepLink} THEN "sequence" ELSE ${match?.sequence ?? null} END,
        "matchScore" = CASE WHEN ${keepLink} THEN "matchScore" ELSE ${match?.matchScore ?? null}::double precision END,
        "matchCandidates" = CASE WHEN ${keepLink} THEN "matchCandidates" ELSE ${match?.matchCandidates ? JSON.stringify(match.matchCandidates) : null}::jsonb END,
        "isContentVerified" = true, "processingStatus" = 'READY', "processingError" = NULL, "processingErrorCode" = NULL, "processedAt" = now(), "updatedAt" = now()
      WHERE "id" = ${imageId}::uuid`;
    return "success";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (context.isLastAttempt) {
      await markFailed(
        imageId,
        "PROCESSING_ERROR",
        "Falha temporária ao processar a imagem (armazenamento ou banco). Use “Reprocessar falhas”.",
      );
    } else {
      // Back to the queue so the retry can claim it at once.
      await prisma.image.updateMany({
        where: { id: imageId, processingStatus: "PROCESSING" },
        data: { processingStatus: "QUEUED" },
      });
    }
    log.error({ action: "IMAGE_ERROR", imageId, attempt: context.attempt, err: message }, "Erro ao processar imagem");
    throw error;
  }
}

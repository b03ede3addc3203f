import { finished, type Readable } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma, type BatchStatus } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";
import type { AcceptedImageType } from "@/lib/images/detect-image-type";
import { sanitizeFileName, sanitizeRelativePath } from "@/lib/images/sanitize-upload-name";
import { ORPHAN_GRACE_MINUTES } from "@/lib/images/sweep-orphan-blobs";
import { getLogger } from "@/lib/log/logger";
import { ACCEPTS_UPLOADS, processesNewUploadsCondition, receiveUploadUpdate } from "./batch-lifecycle";
import { enqueueImageJobs } from "./enqueue-images";
import { UploadInspector } from "./upload-inspector";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { StorageError } from "@/lib/storage/types";

const log = getLogger("UPLOAD");

export type UploadResult = {
  uploadId: string;
  name: string;
  relativePath: string | null;
  status: "stored" | "duplicate" | "already_uploaded" | "rejected";
  imageId?: string;
  error?: { code: string; message: string };
};

export type UploadTarget = { id: string; status: BatchStatus; brandId: string | null; collectionId: string | null };

const uploadInterrupted = () => new ApiError("BAD_REQUEST", "O envio do arquivo foi interrompido.");

/** A file whose bytes are in blob storage but not yet recorded: the second half of `ingestUpload`. */
export type StoredBlob = {
  base: Pick<UploadResult, "uploadId" | "name" | "relativePath">;
  storageKey: string;
  sha256: string;
  size: number;
  type: AcceptedImageType;
  storedAt: number;
  /**
   * False for a direct upload (lib/batches/direct-upload): size and sha256 are the browser's
   * claims until the worker reads the bytes, and its blob stays when recording fails (the confirm
   * is retried; the orphan sweep removes it if none comes).
   */
  isContentVerified?: boolean;
};

/**
 * A blob waits unrecorded while the rest of its request streams in; the orphan sweep deletes
 * unrecorded blobs after ORPHAN_GRACE_MINUTES, so one that waited this long is checked before its row points at it.
 */
const RECHECK_STORED_AFTER_MS = (ORPHAN_GRACE_MINUTES / 2) * 60_000;

/** One file part of an upload request, as it arrives. */
export type UploadInput = {
  batch: UploadTarget;
  uploadId: string;
  fileName: string;
  relativePath: string | null;
  body: Readable;
  maxBytes: number;
};

/**
 * Streams one uploaded file into blob storage and records it: see `storeUploadBlob` and
 * `recordStoredUpload`, which a multipart request calls separately (it records its files only
 * once the whole request checked out).
 */
export async function ingestUpload(options: UploadInput): Promise<UploadResult> {
  const stored = await storeUploadBlob(options);
  return recordStoredUpload(options.batch, stored);
}

/**
 * First half of an upload: checks the real type from the first bytes, enforces the size limit
 * while streaming, hashes on the way, and writes the blob. Writes no row: until
 * `recordStoredUpload` runs, the blob is invisible (and the orphan sweep removes it if the
 * process dies); `discardStoredUpload` removes it when the request turns out malformed.
 */
export async function storeUploadBlob(options: UploadInput): Promise<StoredBlob> {
  const { batch, uploadId, maxBytes } = options;
  const relativePath = sanitizeRelativePath(options.relativePath ?? options.fileName);
  const name = sanitizeFileName(relativePath ?? options.fileName);
  const base = { uploadId, name, relativePath };

  if (!ACCEPTS_UPLOADS.includes(batch.status))
    throw new ApiError("CONFLICT", "Este lote não aceita mais arquivos.", { code: "BATCH_NOT_ACCEPTING" });
  // No "was this upload id recorded?" query up front: it would cost every upload a round trip to
  // spare the rare retry a blob write. The recording statement decides, and a retry's blob is removed again.

  const inspector = new UploadInspector(maxBytes);
  // Piped, not pipelined: a source that fails or closes early fails the inspector (and so the
  // storage write), but a failure further down never destroys the source. A multipart part must
  // still be read to its end (the caller drains it), or the parser stalls the rest of the request.
  options.body.pipe(inspector);
  // Its errors reach us through `detected` and through the storage write that reads it.
  inspector.on("error", () => {});
  const source = { failed: false };
  finished(options.body, (error) => {
    if (!error) return;
    source.failed = true;
    inspector.destroy(error);
  });
  let type: AcceptedImageType | null;
  try {
    type = await inspector.detected;
  } catch (error) {
    throw error instanceof ApiError ? error : uploadInterrupted();
  }
  if (!type) {
    if (inspector.size === 0) throw new ApiError("BAD_REQUEST", "Arquivo vazio.", { code: "EMPTY_FILE" });
    inspector.resume();
    throw new ApiError(
      "UNSUPPORTED_MEDIA_TYPE",
      "O conteúdo do arquivo não é uma imagem aceita (JPEG, PNG, WebP, GIF, TIFF, HEIC/AVIF).",
    );
  }
  const storageKey = newStorageKey("originals", type.extension);
  const storage = getStorage();
  try {
    await storage.put(storageKey, inspector, { contentType: type.mime });
  } catch (error) {
    // The driver removed its temp file; make sure nothing is left at the key either.
    await storage.delete(storageKey).catch(() => {});
    if (error instanceof ApiError) throw error;
    // The store failed (disk full, service down): the client may retry later; not the client's fault.
    if (error instanceof StorageError && !source.failed)
      throw new ApiError(
        "SERVICE_UNAVAILABLE",
        "O armazenamento de arquivos está indisponível; tente enviar novamente em instantes.",
      );
    throw uploadInterrupted();
  }
  return { base, storageKey, sha256: inspector.sha256(), size: inspector.size, type, storedAt: Date.now() };
}

/** Second half of an upload: writes the rows for a stored blob (or links the image already holding its bytes). */
export async function recordStoredUpload(batch: UploadTarget, stored: StoredBlob): Promise<UploadResult> {
  if (Date.now() - stored.storedAt > RECHECK_STORED_AFTER_MS && !(await getStorage().head(stored.storageKey))) {
    throw new ApiError(
      "SERVICE_UNAVAILABLE",
      "O envio demorou demais e o arquivo não ficou guardado; envie-o novamente.",
    );
  }
  try {
    return await recordUpload({ batch, ...stored });
  } catch (error) {
    if (stored.isContentVerified !== false)
      await getStorage()
        .delete(stored.storageKey)
        .catch(() => {});
    throw error;
  }
}

/**
 * The file was recorded as waiting (UPLOADED) because its statement read the batch before a start
 * committed; that start may already have queued the batch's waiting files without seeing this one
 * (not committed yet). Read again now that it is committed: a started batch queues it here (if the
 * start queued it too, its second job finds it claimed: harmless). Without this the photo
 * waited for the safety net (recoverStalledImages, 30–60 s): `npm run bench:ai` met it once in a
 * few runs, as uploads go on while the batch is started after the first file.
 */
async function queueIfStartedMeanwhile(batchId: string, imageId: string): Promise<boolean> {
  const changed = await getPrisma().$executeRaw`
    UPDATE "Image" SET "processingStatus" = 'QUEUED', "updatedAt" = now()
    WHERE "id" = ${imageId}::uuid AND "processingStatus" = 'UPLOADED' AND ${processesNewUploadsCondition(batchId)}`;
  return changed > 0;
}

/** Removes the blob of an upload that will not be recorded. */
export async function discardStoredUpload(stored: StoredBlob): Promise<void> {
  await getStorage()
    .delete(stored.storageKey)
    .catch(() => {});
}

async function recordUpload(input: {
  batch: UploadTarget;
  base: Pick<UploadResult, "uploadId" | "name" | "relativePath">;
  storageKey: string;
  sha256: string;
  size: number;
  type: AcceptedImageType;
  isContentVerified?: boolean;
}): Promise<UploadResult> {
  const { batch, base, storageKey, sha256, size, type } = input;
  const isContentVerified = input.isContentVerified ?? true;
  const prisma = getPrisma();
  // One atomic statement (each upload is one round trip, not a five-statement transaction):
  // - the image row, or the one already holding these bytes: the unique sha256 decides, and the
  //   no-op DO UPDATE returns that row even when a concurrent upload committed it a moment ago;
  // - the batch's link to it, unless this upload id was already recorded (a retry);
  // - an earlier refusal of this upload id is dropped: the file is accepted now;
  // - a draft batch starts uploading; a finished one processes new arrivals at once ("walk away");
  //   whether the file is queued at once follows the batch's status at this statement, not when the request began.
  const rows = await prisma.$queryRaw<{ imageId: string; inserted: boolean; queued: boolean; linked: boolean }[]>`
    WITH image AS (
      INSERT INTO "Image" ("id", "batchId", "brandId", "collectionId", "originalName", "relativePath", "storageKey", "contentType", "bytes", "sha256", "format", "isContentVerified", "processingStatus", "updatedAt")
      VALUES (${uuidv7()}::uuid, ${batch.id}::uuid, ${batch.brandId}::uuid, ${batch.collectionId}::uuid, ${base.name}, ${base.relativePath}, ${storageKey}, ${type.mime}, ${BigInt(size)}, ${sha256}, ${type.format}, ${isContentVerified},
        (CASE WHEN ${processesNewUploadsCondition(batch.id)} THEN 'QUEUED' ELSE 'UPLOADED' END)::"ProcessingStatus", now())
      ON CONFLICT ("sha256") DO UPDATE SET "sha256" = EXCLUDED."sha256"
      RETURNING "id", (xmax = 0) AS "inserted", "processingStatus" = 'QUEUED' AS "queued"
    ), link AS (
      INSERT INTO "BatchUpload" ("id", "batchId", "clientUploadId", "originalName", "relativePath", "bytes", "imageId", "isDuplicate")
      SELECT ${uuidv7()}::uuid, ${batch.id}::uuid, ${base.uploadId}, ${base.name}, ${base.relativePath}, ${BigInt(size)}, image."id", NOT image."inserted" FROM image
      ON CONFLICT ("batchId", "clientUploadId") DO NOTHING
      RETURNING "id"
    ), accepted AS (
      DELETE FROM "BatchUploadRefusal" WHERE "batchId" = ${batch.id}::uuid AND "clientUploadId" = ${base.uploadId} AND EXISTS (SELECT 1 FROM link)
    ), batch AS (${receiveUploadUpdate(batch.id, Prisma.sql`EXISTS (SELECT 1 FROM link)`)})
    SELECT image."id"::text AS "imageId", image."inserted", image."queued", EXISTS (SELECT 1 FROM link) AS "linked" FROM image`;
  const recorded = rows[0]!;
  let outcome: { imageId: string; isDuplicate: boolean };
  if (recorded.linked) {
    outcome = { imageId: recorded.imageId, isDuplicate: !recorded.inserted };
  } else {
    // This upload id was already recorded (an earlier attempt, or a concurrent one that won). If
    // this attempt created an image row (only when it carried different bytes), remove it again,
    // with its blob, unless another upload of the same bytes already links to it (then row and
    // blob stay, consistent).
    const isOrphan = recorded.inserted
      ? (await prisma.$executeRaw`
          DELETE FROM "Image" i WHERE i."id" = ${recorded.imageId}::uuid AND NOT EXISTS (SELECT 1 FROM "BatchUpload" u WHERE u."imageId" = i."id")`) >
        0
      : true;
    const existing = await prisma.batchUpload.findUniqueOrThrow({
      where: { batchId_clientUploadId: { batchId: batch.id, clientUploadId: base.uploadId } },
      select: { imageId: true, image: { select: { storageKey: true } } },
    });
    // A direct upload's completion arrives twice (callback and confirm): the blob is the recorded image's own.
    if (isOrphan && existing.image.storageKey !== storageKey)
      await getStorage()
        .delete(storageKey)
        .catch(() => {});
    return { ...base, status: "already_uploaded", imageId: existing.imageId };
  }
  if (outcome.isDuplicate) {
    await getStorage()
      .delete(storageKey)
      .catch(() => {});
    log.info(
      { action: "UPLOAD_DUPLICATE", batchId: batch.id, imageId: outcome.imageId },
      "Arquivo já existe no acervo",
    );
    return { ...base, status: "duplicate", imageId: outcome.imageId };
  }
  const isQueued = recorded.queued || (await queueIfStartedMeanwhile(batch.id, outcome.imageId));
  if (isQueued) await enqueueImageJobs([outcome.imageId]);
  log.debug(
    { action: "UPLOAD_STORED", batchId: batch.id, imageId: outcome.imageId, bytes: size },
    "Arquivo armazenado",
  );
  return { ...base, status: "stored", imageId: outcome.imageId };
}

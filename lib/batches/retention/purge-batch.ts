import { getPrisma, Prisma } from "@/lib/db/client";
import { isTransactionConflict } from "@/lib/db/is-transaction-conflict";
import { deleteImageBlobs, type ImageBlobs } from "@/lib/images/delete-image-blobs";
import { getLogger } from "@/lib/log/logger";

const log = getLogger("BATCH");

/** Images (through the batch's uploads) handled per transaction: short locks, bounded memory. */
const IMAGE_PAGE = 500;
/** URL rows deleted per transaction (a million-URL batch is 100 short statements, not one long one). */
const URL_PAGE = 10_000;
const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };
const MAX_ATTEMPTS = 3;

export type PurgeResult = {
  batchId: string;
  imagesDeleted: number;
  imagesKept: number;
  blobsDeleted: number;
  blobsFailed: number;
};

type Tx = Prisma.TransactionClient;
type Step<T> = { kind: "busy" } | { kind: "done"; value: T };

/**
 * Takes the batch row for this transaction if it is soft-deleted and due (`purgeAfter` passed), or
 * answers null: not due (restored meanwhile), gone, or another process is purging it (SKIP LOCKED:
 * that one finishes it). FOR NO KEY UPDATE, not FOR UPDATE: it must not block the key-share locks
 * other purges take when they hand a shared image over to this batch's neighbours.
 */
async function lockDueBatch(tx: Tx, batchId: string, forDelete = false): Promise<boolean> {
  const rows = forDelete
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT "id"::text AS id FROM "Batch" WHERE "id" = ${batchId}::uuid AND "deletedAt" IS NOT NULL AND "purgeAfter" <= now()
        FOR UPDATE SKIP LOCKED`
    : await tx.$queryRaw<{ id: string }[]>`
        SELECT "id"::text AS id FROM "Batch" WHERE "id" = ${batchId}::uuid AND "deletedAt" IS NOT NULL AND "purgeAfter" <= now()
        FOR NO KEY UPDATE SKIP LOCKED`;
  return rows.length > 0;
}

async function inTransaction<T>(batchId: string, work: (tx: Tx) => Promise<Step<T>>): Promise<Step<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getPrisma().$transaction(async (tx) => work(tx), TX_OPTIONS);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isTransactionConflict(error)) throw error;
      log.warn({ action: "BATCH_PURGE_RETRY", batchId, attempt }, "Exclusão de lote repetida após conflito");
    }
  }
}

/**
 * One page of the batch's images: its next uploads are deleted, their images locked (in id order,
 * so two purges sharing images never deadlock), an image another batch also received is handed to
 * that batch (the oldest such upload's batch becomes its owner) and an image no batch uses any
 * more is deleted. Once the uploads are gone, images the batch still owns without an upload here
 * go the same way. Answers the deleted images' blobs and how many images were kept.
 */
type ImagePage = { deleted: ImageBlobs[]; kept: number } | null;

async function purgeImagePage(batchId: string): Promise<Step<ImagePage>> {
  return inTransaction<ImagePage>(batchId, async (tx) => {
    if (!(await lockDueBatch(tx, batchId))) return { kind: "busy" };
    const fromUploads = await tx.$queryRaw<{ imageId: string }[]>`
      WITH page AS (
        SELECT "id" FROM "BatchUpload" WHERE "batchId" = ${batchId}::uuid ORDER BY "batchId", "imageId" LIMIT ${IMAGE_PAGE}
      )
      DELETE FROM "BatchUpload" u USING page WHERE u."id" = page."id"
      RETURNING u."imageId"::text AS "imageId"`;
    let ids = [...new Set(fromUploads.map((row) => row.imageId))];
    if (fromUploads.length === 0) {
      const owned = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id"::text AS id FROM "Image" WHERE "batchId" = ${batchId}::uuid ORDER BY "id" LIMIT ${IMAGE_PAGE}`;
      ids = owned.map((row) => row.id);
    }
    if (ids.length === 0) return { kind: "done", value: null };
    await tx.$queryRaw`SELECT 1 FROM "Image" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
    await tx.$executeRaw`
      UPDATE "Image" i SET "updatedAt" = now(), "batchId" = (
        SELECT u."batchId" FROM "BatchUpload" u WHERE u."imageId" = i."id" AND u."batchId" <> ${batchId}::uuid ORDER BY u."id" LIMIT 1)
      WHERE i."id" = ANY(${ids}::uuid[]) AND i."batchId" = ${batchId}::uuid
        AND EXISTS (SELECT 1 FROM "BatchUpload" u WHERE u."imageId" = i."id" AND u."batchId" <> ${batchId}::uuid)`;
    const deleted = await tx.$queryRaw<ImageBlobs[]>`
      DELETE FROM "Image" i WHERE i."id" = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM "BatchUpload" u WHERE u."imageId" = i."id")
      RETURNING i."storageKey", i."thumbnailKey", i."sha256"`;
    return { kind: "done", value: { deleted, kept: ids.length - deleted.length } };
  });
}

async function purgeUrlPage(batchId: string): Promise<Step<number>> {
  return inTransaction<number>(batchId, async (tx) => {
    if (!(await lockDueBatch(tx, batchId))) return { kind: "busy" };
    const n = await tx.$executeRaw`
      DELETE FROM "BatchUrl" WHERE "id" IN (SELECT "id" FROM "BatchUrl" WHERE "batchId" = ${batchId}::uuid LIMIT ${URL_PAGE})`;
    return { kind: "done", value: n };
  });
}

/** The batch row itself (its chunks and refusals go with it), once no upload or image of it is left. */
async function deleteBatchRow(batchId: string): Promise<Step<boolean>> {
  return inTransaction<boolean>(batchId, async (tx) => {
    if (!(await lockDueBatch(tx, batchId, true))) return { kind: "busy" };
    // The row lock blocks new uploads into the batch from here on; one that arrived before it is purged first.
    const left = await tx.$queryRaw<{ found: boolean }[]>`
      SELECT (EXISTS (SELECT 1 FROM "BatchUpload" WHERE "batchId" = ${batchId}::uuid)
        OR EXISTS (SELECT 1 FROM "Image" WHERE "batchId" = ${batchId}::uuid)) AS found`;
    if (left[0]?.found) return { kind: "done", value: false };
    await tx.$executeRaw`DELETE FROM "Batch" WHERE "id" = ${batchId}::uuid`;
    return { kind: "done", value: true };
  });
}

/**
 * Hard-deletes a soft-deleted batch whose `purgeAfter` has passed (DELETE sets it to now): its
 * uploads, URLs, chunks and refusals, the images no other batch uses, and after each committed page
 * their blobs (original, thumbnail, preview) unless another row still points at them. Images
 * another batch received stay, owned by that batch. Safe to run twice at once (the second skips a
 * batch the first holds, and a crash resumes where it stopped: the batch is still due); null when
 * the batch is not due, already gone or being purged by another process.
 */
export async function purgeBatch(batchId: string): Promise<PurgeResult | null> {
  const result: PurgeResult = { batchId, imagesDeleted: 0, imagesKept: 0, blobsDeleted: 0, blobsFailed: 0 };
  for (let round = 0; round < 5; round++) {
    for (;;) {
      const page = await purgeImagePage(batchId);
      if (page.kind === "busy") return round === 0 && result.imagesDeleted + result.imagesKept === 0 ? null : result;
      if (page.value === null) break;
      result.imagesDeleted += page.value.deleted.length;
      result.imagesKept += page.value.kept;
      const blobs = await deleteImageBlobs(page.value.deleted);
      result.blobsDeleted += blobs.deleted;
      result.blobsFailed += blobs.failed;
    }
    for (;;) {
      const page = await purgeUrlPage(batchId);
      if (page.kind === "busy") return result;
      if (page.value === 0) break;
    }
    const row = await deleteBatchRow(batchId);
    if (row.kind === "busy") return result;
    if (row.value) {
      log.info({ action: "BATCH_PURGED", ...result }, "Lote removido definitivamente");
      return result;
    }
  }
  return result;
}

import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { startBatch } from "../batch-control";
import { NOT_STARTED } from "../batch-lifecycle";
import { getBatchOrThrow } from "../batch-queries";
import type { cloneBatchResultSchema, cloneBatchSchema } from "./schemas";
import { sqlUuidV7 } from "./sql-uuid-v7";

const log = getLogger("BATCH");

/** A clone of a million URLs is a few statements, but each moves a million rows. */
const CLONE_TIMEOUT_MS = 10 * 60_000;

type Tx = Prisma.TransactionClient;
type Copied = { linked: number; pending: number };

/**
 * An upload batch's clone links the same images: one BatchUpload per upload of the source (same
 * client upload ids, same duplicate flags), and the clone's status follows its images — still to be
 * started (UPLOADING), processing, or finished (COMPLETED, COMPLETED_WITH_ERRORS when one failed or
 * was cancelled); an empty source gives a DRAFT.
 */
async function linkUploads(tx: Tx, sourceId: string, cloneId: string): Promise<Copied> {
  const ms = Date.now();
  const linked = await tx.$executeRaw`
    INSERT INTO "BatchUpload" ("id", "batchId", "clientUploadId", "originalName", "relativePath", "bytes", "imageId", "isDuplicate", "createdAt")
    SELECT ${sqlUuidV7(ms, Prisma.sql`row_number() OVER (ORDER BY u."id") - 1`)}, ${cloneId}::uuid, u."clientUploadId",
      u."originalName", u."relativePath", u."bytes", u."imageId", u."isDuplicate", now()
    FROM "BatchUpload" u WHERE u."batchId" = ${sourceId}::uuid`;
  await tx.$executeRaw`
    UPDATE "Batch" b SET
      "status" = (CASE WHEN s.total = 0 THEN 'DRAFT' WHEN s.uploaded > 0 THEN 'UPLOADING' WHEN s.running > 0 THEN 'PROCESSING'
        WHEN s.failed > 0 THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END)::"BatchStatus",
      "startedAt" = (CASE WHEN s.total > 0 AND s.uploaded = 0 THEN now() END),
      "finishedAt" = (CASE WHEN s.total > 0 AND s.uploaded = 0 AND s.running = 0 THEN now() END),
      "updatedAt" = now()
    FROM (
      SELECT count(*) AS total,
        count(*) FILTER (WHERE i."processingStatus" = 'UPLOADED') AS uploaded,
        count(*) FILTER (WHERE i."processingStatus" IN ('QUEUED', 'PROCESSING')) AS running,
        count(*) FILTER (WHERE i."processingStatus" IN ('FAILED', 'CANCELLED')) AS failed
      FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId" WHERE u."batchId" = ${cloneId}::uuid
    ) s
    WHERE b."id" = ${cloneId}::uuid`;
  return { linked, pending: 0 };
}

/**
 * A URL batch's clone fetches again: the same chunks (same size, new rows, PENDING) and its URLs
 * in the same order as PENDING. Lines refused at import (FAILED before any attempt: not a URL, a
 * literal blocked address) are copied as they are: fetching them again cannot change the answer.
 * With `copyResults`, URLs already STORED/DUPLICATE keep their result and are linked to the same
 * images (a BatchUpload `url:<new id>`, as the fetcher writes), so only the others are fetched; a
 * chunk left with nothing to fetch is COMPLETED. One statement per table (INSERT … SELECT).
 */
async function copyUrls(tx: Tx, sourceId: string, cloneId: string, copyResults: boolean): Promise<Copied> {
  const ms = Date.now();
  await tx.$executeRaw`
    INSERT INTO "BatchChunk" ("id", "batchId", "index", "status", "total", "createdAt", "updatedAt")
    SELECT ${sqlUuidV7(ms, Prisma.sql`c."index"::bigint`)}, ${cloneId}::uuid, c."index", 'PENDING', c."total", now(), now()
    FROM "BatchChunk" c WHERE c."batchId" = ${sourceId}::uuid`;
  // No CTE holding a million rows: each statement numbers the source URLs the same way (id order)
  // and derives the new id from the source id, so the uploads find the ids the URLs got.
  const newId = sqlUuidV7(ms, Prisma.sql`s."n"`, Prisma.sql`s."id"::text`);
  const numbered = Prisma.sql`
    SELECT u.*, row_number() OVER (ORDER BY u."id") - 1 AS "n",
      (${copyResults}::boolean AND u."status" IN ('STORED', 'DUPLICATE') AND u."imageId" IS NOT NULL) AS "isKept",
      (u."status" = 'FAILED' AND u."attempts" = 0) AS "isRefused"
    FROM "BatchUrl" u WHERE u."batchId" = ${sourceId}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "BatchUrl" ("id", "batchId", "chunkId", "lineNumber", "url", "sku", "path", "name", "status", "errorCategory",
      "errorCode", "httpStatus", "attempts", "imageId", "bytes", "durationMs", "startedAt", "fetchedAt", "updatedAt")
    SELECT ${newId}, ${cloneId}::uuid, nc."id", s."lineNumber", s."url", s."sku", s."path", s."name",
      (CASE WHEN s."isKept" OR s."isRefused" THEN s."status" ELSE 'PENDING' END),
      (CASE WHEN s."isKept" OR s."isRefused" THEN s."errorCategory" END),
      (CASE WHEN s."isKept" OR s."isRefused" THEN s."errorCode" END),
      (CASE WHEN s."isKept" THEN s."httpStatus" END),
      (CASE WHEN s."isKept" THEN s."attempts" ELSE 0 END),
      (CASE WHEN s."isKept" THEN s."imageId" END),
      (CASE WHEN s."isKept" THEN s."bytes" END),
      (CASE WHEN s."isKept" THEN s."durationMs" END),
      (CASE WHEN s."isKept" THEN s."startedAt" END),
      (CASE WHEN s."isKept" THEN s."fetchedAt" END),
      now()
    FROM (${numbered}) s
    JOIN "BatchChunk" sc ON sc."id" = s."chunkId"
    JOIN "BatchChunk" nc ON nc."batchId" = ${cloneId}::uuid AND nc."index" = sc."index"`;
  const linked = copyResults
    ? await tx.$executeRaw`
        INSERT INTO "BatchUpload" ("id", "batchId", "clientUploadId", "originalName", "relativePath", "bytes", "imageId", "isDuplicate", "createdAt")
        SELECT ${sqlUuidV7(ms, Prisma.sql`row_number() OVER (ORDER BY s."id") - 1`)}, ${cloneId}::uuid, 'url:' || (${newId})::text,
          coalesce(bu."originalName", i."originalName"), coalesce(bu."relativePath", i."relativePath"), coalesce(bu."bytes", i."bytes"),
          s."imageId", coalesce(bu."isDuplicate", s."status" = 'DUPLICATE'), now()
        FROM (${numbered}) s
        JOIN "Image" i ON i."id" = s."imageId"
        LEFT JOIN "BatchUpload" bu ON bu."batchId" = ${sourceId}::uuid AND bu."clientUploadId" = 'url:' || s."id"::text
        WHERE s."isKept"`
    : 0;
  const pending = await tx.batchUrl.count({ where: { batchId: cloneId, status: "PENDING" } });
  await tx.$executeRaw`
    UPDATE "BatchChunk" c SET "status" = 'COMPLETED', "finishedAt" = now(), "updatedAt" = now()
    WHERE c."batchId" = ${cloneId}::uuid
      AND NOT EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."chunkId" = c."id" AND u."status" = 'PENDING')`;
  return { linked, pending };
}

/**
 * POST /api/v1/batches/{id}/clone (seed 004): a new batch with the source's brand, collection and
 * source kind, `clonedFromId` set. A URL batch's clone waits as a DRAFT unless `auto_start` (then
 * `startBatch`, as the Iniciar button would); an upload batch's clone links the same images. A
 * soft-deleted batch is not cloned (restore it first). All rows are written in one transaction.
 */
export async function cloneBatch(
  actor: SessionUser,
  sourceId: string,
  input: z.infer<typeof cloneBatchSchema>,
): Promise<z.infer<typeof cloneBatchResultSchema>> {
  const prisma = getPrisma();
  const source = await prisma.batch.findUnique({ where: { id: sourceId } });
  if (!source) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  if (source.deletedAt)
    throw new ApiError("CONFLICT", "O lote foi excluído; restaure-o antes.", { code: "BATCH_DELETED" });
  const startedAt = Date.now();
  const { clone, copied } = await prisma.$transaction(
    async (tx) => {
      const clone = await tx.batch.create({
        data: {
          name: input.new_name,
          brandId: source.brandId,
          collectionId: source.collectionId,
          createdById: actor.id,
          source: source.source,
          chunkSize: source.chunkSize,
          clonedFromId: source.id,
        },
      });
      const copied =
        source.source === "URL_LIST"
          ? await copyUrls(tx, source.id, clone.id, input.copy_results)
          : await linkUploads(tx, source.id, clone.id);
      await recordAudit(
        {
          userId: actor.id,
          action: "BATCH_CLONE",
          entityType: "Batch",
          entityId: clone.id,
          data: { clonedFromId: source.id, copyResults: input.copy_results, ...copied },
        },
        tx,
      );
      return { clone, copied };
    },
    { timeout: CLONE_TIMEOUT_MS, maxWait: 10_000 },
  );
  log.info(
    { action: "BATCH_CLONE", batchId: clone.id, clonedFromId: source.id, ...copied, ms: Date.now() - startedAt },
    "Lote clonado",
  );
  const status = (await prisma.batch.findUniqueOrThrow({ where: { id: clone.id }, select: { status: true } })).status;
  if (input.auto_start && NOT_STARTED.includes(status)) await startBatch(actor, clone.id);
  return { ...(await getBatchOrThrow(clone.id)), cloned: copied };
}

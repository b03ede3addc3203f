import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";

const log = getLogger("BATCH");

/**
 * A running batch with nothing left queued or processing becomes COMPLETED, or
 * COMPLETED_WITH_ERRORS when any of its files failed. Safe under concurrency: one UPDATE decides.
 */
export async function finishBatchIfDone(batchId: string): Promise<void> {
  // Called after every image: while the batch's own files are still pending, an index probe
  // answers (the full check below walks every file of the batch, O(n) per call near the end).
  const pending = await getPrisma().$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "Image" WHERE "batchId" = ${batchId}::uuid AND "processingStatus" IN ('QUEUED', 'PROCESSING', 'UPLOADED')) AS found`;
  if (pending[0]?.found) return;
  const rows = await getPrisma().$queryRaw<{ status: string }[]>`
    UPDATE "Batch" b SET
      "status" = (CASE WHEN EXISTS (
          SELECT 1 FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
          WHERE u."batchId" = b."id" AND i."processingStatus" = 'FAILED')
        THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END)::"BatchStatus",
      "finishedAt" = now(), "updatedAt" = now()
    WHERE b."id" = ${batchId}::uuid AND b."status" IN ('QUEUED', 'PROCESSING')
      AND NOT EXISTS (
        SELECT 1 FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
        WHERE u."batchId" = b."id" AND i."processingStatus" IN ('QUEUED', 'PROCESSING', 'UPLOADED'))
    RETURNING b."status"::text AS status`;
  if (rows[0]) log.info({ action: "BATCH_FINISHED", batchId, status: rows[0].status }, "Lote concluído");
}

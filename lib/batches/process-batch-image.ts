import { getPrisma, Prisma } from "@/lib/db/client";
import { processClaimedImage, processingLeaseSeconds } from "@/lib/images/process-image";
import type { JobContext, JobOutcome } from "@/lib/jobs/define-job";
import { beginProcessingUpdate, finishBatchIfDone, holdsProcessingCondition } from "./batch-lifecycle";
import { checkDirectUpload, type DeclaredImage } from "./direct-upload/check-direct-upload";

type ClaimedBatchImage = DeclaredImage & { batchIds: string[] };

/**
 * Atomically takes the image for this worker (queued, or processing with an expired lease) unless
 * its batch holds it back (paused, cancelled) and, in the same round trip, returns what the pipeline
 * needs: the image and every batch that received its bytes (duplicates included), which start
 * processing if they were queued.
 */
async function claimImage(imageId: string): Promise<ClaimedBatchImage | null> {
  const rows = await getPrisma().$queryRaw<ClaimedBatchImage[]>`
    WITH claimed AS (
      UPDATE "Image" i SET "processingStatus" = 'PROCESSING', "processingStartedAt" = now(), "attempts" = i."attempts" + 1, "updatedAt" = now()
      WHERE i."id" = ${imageId}::uuid
        AND (i."processingStatus" = 'QUEUED'
          OR (i."processingStatus" = 'PROCESSING' AND i."processingStartedAt" < now() - make_interval(secs => ${processingLeaseSeconds()})))
        AND NOT ${holdsProcessingCondition(Prisma.sql`i."batchId"`)}
      RETURNING i."id", i."batchId", i."storageKey", i."thumbnailKey", i."originalName", i."relativePath", i."collectionId", i."brandId", i."matchStatus", i."productId", i."sha256", i."bytes", i."isContentVerified"
    ), receiving AS (
      SELECT c."batchId" AS "id" FROM claimed c
      UNION SELECT u."batchId" FROM "BatchUpload" u JOIN claimed c ON u."imageId" = c."id"
    ), started AS (${beginProcessingUpdate(Prisma.sql`SELECT "id" FROM receiving`)})
    SELECT c."id"::text AS "id", c."storageKey", c."thumbnailKey", c."originalName", c."relativePath",
      c."collectionId"::text AS "collectionId", c."brandId"::text AS "brandId", c."matchStatus"::text AS "matchStatus", c."productId"::text AS "productId",
      c."sha256", c."bytes"::float8 AS "bytes", c."isContentVerified",
      ARRAY(SELECT "id"::text FROM receiving) AS "batchIds"
    FROM claimed c`;
  return rows[0] ?? null;
}

/** One photo of the `image.process` job: claim it, run the image pipeline, then let every batch that received it finish. */
export async function processBatchImage(imageId: string, context: JobContext): Promise<JobOutcome> {
  const image = await claimImage(imageId);
  if (!image) return "skipped";
  try {
    // A direct upload's bytes are checked against what it declared before anything is derived from them.
    return await processClaimedImage(image, context, (_claimed, input) => checkDirectUpload(image, input));
  } finally {
    for (const batchId of image.batchIds) await finishBatchIfDone(batchId);
  }
}

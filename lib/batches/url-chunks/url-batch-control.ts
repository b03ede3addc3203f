import { getPrisma, Prisma, type UrlErrorCategory } from "@/lib/db/client";
import { enqueueUrlChunks } from "./enqueue-url-chunks";
import { NETWORK_ERROR_CATEGORIES } from "./error-categories";

/**
 * The URL side of the batch controls (lib/batches/batch-control.ts moves the batch itself first):
 * what each control does to a URL batch's chunks and URLs. An upload batch has none, so each is a
 * no-op there and the controls call them for every batch.
 */

/**
 * Start, resume, force-start: held chunks wait for a worker again, every chunk with URLs to fetch gets
 * a job, and a chunk with none (all its lines refused at import) is COMPLETED at once.
 */
export async function sendUrlChunks(batchId: string): Promise<number> {
  const prisma = getPrisma();
  await prisma.batchChunk.updateMany({ where: { batchId, status: "PAUSED" }, data: { status: "PENDING" } });
  await prisma.$executeRaw`
    UPDATE "BatchChunk" c SET "status" = 'COMPLETED', "finishedAt" = now(), "updatedAt" = now()
    WHERE c."batchId" = ${batchId}::uuid AND c."status" = 'PENDING'
      AND NOT EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."chunkId" = c."id" AND u."status" IN ('PENDING', 'FETCHING'))`;
  return enqueueUrlChunks(batchId);
}

/** Pause: chunks not taken yet show PAUSED at once; running ones stop within a second (their worker marks them). */
export async function pauseUrlChunks(batchId: string): Promise<void> {
  await getPrisma().batchChunk.updateMany({ where: { batchId, status: "PENDING" }, data: { status: "PAUSED" } });
}

/** Cancel: URLs not fetched yet are CANCELLED, and so are the chunks not finished. */
export async function cancelUrls(batchId: string): Promise<number> {
  const prisma = getPrisma();
  const cancelled = await prisma.batchUrl.updateMany({
    where: { batchId, status: { in: ["PENDING", "FETCHING"] } },
    data: { status: "CANCELLED" },
  });
  await prisma.batchChunk.updateMany({
    where: { batchId, status: { in: ["PENDING", "RUNNING", "PAUSED"] } },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  return cancelled.count;
}

/** The failure categories a reprocess retries: network ones, and the server's own (storage) unless only network is asked. */
export function reprocessCategories(only: "network" | undefined): UrlErrorCategory[] {
  return only === "network" ? [...NETWORK_ERROR_CATEGORIES] : [...NETWORK_ERROR_CATEGORIES, "PROCESSING"];
}

export async function countRetryableUrls(batchId: string, categories: UrlErrorCategory[]): Promise<number> {
  return getPrisma().batchUrl.count({ where: { batchId, status: "FAILED", errorCategory: { in: categories } } });
}

/** Reprocess: the failed URLs of those categories go back to PENDING (their chunks too) and the chunks get jobs. */
export async function requeueFailedUrls(batchId: string, categories: UrlErrorCategory[]): Promise<number> {
  if (categories.length === 0) return 0;
  const prisma = getPrisma();
  const chunks = await prisma.$queryRaw<{ chunkId: string; n: bigint }[]>`
    WITH requeued AS (
      UPDATE "BatchUrl" SET "status" = 'PENDING', "errorCategory" = NULL, "errorCode" = NULL, "httpStatus" = NULL,
        "startedAt" = NULL, "updatedAt" = now()
      WHERE "batchId" = ${batchId}::uuid AND "status" = 'FAILED'
        AND "errorCategory" IN (${Prisma.join(categories.map((c) => Prisma.sql`${c}::"UrlErrorCategory"`))})
      RETURNING "chunkId"
    )
    SELECT "chunkId"::text AS "chunkId", count(*) AS n FROM requeued GROUP BY 1`;
  if (chunks.length === 0) return 0;
  await prisma.batchChunk.updateMany({
    where: { id: { in: chunks.map((c) => c.chunkId) } },
    data: { status: "PENDING", finishedAt: null },
  });
  await enqueueUrlChunks(batchId);
  return chunks.reduce((sum, c) => sum + Number(c.n), 0);
}

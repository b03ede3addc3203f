import { getPrisma, Prisma, type BatchStatus } from "@/lib/db/client";
import { beginProcessingUpdate, HOLDS_PROCESSING, RUNNING, statusIn } from "../batch-lifecycle";
import type { UploadTarget } from "../ingest-upload";

/**
 * A chunk's status changes (BatchChunkStatus): PENDING → RUNNING (a worker took it) → COMPLETED
 * (no URL left to fetch); RUNNING/PENDING → PAUSED when its batch is paused (back to RUNNING on
 * resume), → CANCELLED with its batch. Each is one conditional UPDATE, like the batch's moves.
 */
export type ChunkStart =
  { kind: "run"; batch: UploadTarget } | { kind: "held"; batchStatus: BatchStatus } | { kind: "skip" };

/** Marks the chunk RUNNING for `worker` when its batch runs (and starts processing a queued batch). */
export async function beginChunk(chunkId: string, worker: string): Promise<ChunkStart> {
  const rows = await getPrisma().$queryRaw<(UploadTarget & { running: boolean; chunkStatus: string })[]>`
    WITH target AS (
      SELECT b."id", b."status", b."brandId", b."collectionId", c."status" AS "chunkStatus"
      FROM "BatchChunk" c JOIN "Batch" b ON b."id" = c."batchId" WHERE c."id" = ${chunkId}::uuid
    ), chunk AS (
      UPDATE "BatchChunk" c SET "status" = 'RUNNING', "worker" = ${worker}, "startedAt" = COALESCE(c."startedAt", now()),
        "finishedAt" = NULL, "updatedAt" = now()
      FROM target t
      WHERE c."id" = ${chunkId}::uuid AND c."status" IN ('PENDING', 'RUNNING', 'PAUSED') AND ${statusIn(Prisma.sql`t."status"`, RUNNING)}
      RETURNING c."id"
    ), started AS (${beginProcessingUpdate(Prisma.sql`SELECT "id" FROM target WHERE EXISTS (SELECT 1 FROM chunk)`)})
    SELECT t."id"::text AS id, t."status"::text AS status, t."brandId"::text AS "brandId", t."collectionId"::text AS "collectionId",
      t."chunkStatus"::text AS "chunkStatus", EXISTS (SELECT 1 FROM chunk) AS running
    FROM target t`;
  const row = rows[0];
  if (!row) return { kind: "skip" };
  if (row.running) {
    const { id, brandId, collectionId } = row;
    // A queued batch was moved to PROCESSING by this statement; the upload pipeline only needs "started".
    return { kind: "run", batch: { id, brandId, collectionId, status: "PROCESSING" } };
  }
  if (HOLDS_PROCESSING.includes(row.status) && ["PENDING", "RUNNING", "PAUSED"].includes(row.chunkStatus))
    return { kind: "held", batchStatus: row.status };
  return { kind: "skip" };
}

/** The batch's status now (a pause or cancel asked while the chunk runs). */
export async function batchStatusOf(batchId: string): Promise<BatchStatus | null> {
  const batch = await getPrisma().batch.findUnique({ where: { id: batchId }, select: { status: true } });
  return batch?.status ?? null;
}

/**
 * The chunk stops because its batch is held: the URLs this worker had claimed go back to PENDING
 * (paused; fetched again on resume) or become CANCELLED, and so does the chunk.
 */
export async function holdChunk(chunkId: string, batchStatus: BatchStatus, claimedIds: string[]): Promise<void> {
  const isCancel = batchStatus === "CANCELLED";
  const prisma = getPrisma();
  if (claimedIds.length > 0)
    await prisma.batchUrl.updateMany({
      where: { id: { in: claimedIds }, status: "FETCHING" },
      data: isCancel ? { status: "CANCELLED" } : { status: "PENDING", startedAt: null },
    });
  await prisma.batchChunk.updateMany({
    where: { id: chunkId, status: { in: ["PENDING", "RUNNING", "PAUSED"] } },
    data: isCancel ? { status: "CANCELLED", finishedAt: new Date() } : { status: "PAUSED" },
  });
}

/** What is left of the chunk: URLs to fetch, and URLs another worker holds. */
export async function chunkRemaining(chunkId: string): Promise<{ pending: number; fetching: number }> {
  const rows = await getPrisma().batchUrl.groupBy({
    by: ["status"],
    where: { chunkId, status: { in: ["PENDING", "FETCHING"] } },
    _count: { _all: true },
  });
  const count = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  return { pending: count("PENDING"), fetching: count("FETCHING") };
}

/** COMPLETED once no URL of the chunk is pending or held; true when this call completed it. */
export async function completeChunkIfDone(chunkId: string): Promise<boolean> {
  const done = await getPrisma().$executeRaw`
    UPDATE "BatchChunk" c SET "status" = 'COMPLETED', "finishedAt" = now(), "updatedAt" = now()
    WHERE c."id" = ${chunkId}::uuid AND c."status" IN ('PENDING', 'RUNNING')
      AND NOT EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."chunkId" = c."id" AND u."status" IN ('PENDING', 'FETCHING'))`;
  return done > 0;
}

/** A URL this worker holds goes back to PENDING (its download failed for a reason of ours, e.g. the database). */
export async function releaseUrl(urlId: string): Promise<void> {
  await getPrisma().batchUrl.updateMany({
    where: { id: urlId, status: "FETCHING" },
    data: { status: "PENDING", startedAt: null },
  });
}

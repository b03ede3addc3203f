import { Prisma } from "@/lib/db/client";
import { imageFilterConditions, whereOf, type QueryClient } from "../image-filters";
import type { ImageFilter } from "../schemas";
import type { BulkOperation } from "./bulk-operation";

/** Photos per chunk (one UPDATE statement, its own transaction), in the request and in the job. */
export const BULK_CHUNK_SIZE = 5_000;

export type ChunkResult = { scanned: number; changed: number; lastId: string | null };

/** The filter's conditions as one WHERE body over `i` (exact search: a typo-tolerant scan is not a selection). */
export function filterSelectionSql(filter: ImageFilter): Prisma.Sql {
  return whereOf(imageFilterConditions(filter));
}

/**
 * One chunk of a bulk action, as one statement (so its own short transaction): the next `limit`
 * selected ids after `afterId` in id order, an UPDATE of the eligible ones among them, an audit row
 * per changed photo (INSERT … SELECT from the UPDATE's RETURNING, with the old values PostgreSQL 18
 * returns as `old.*`), and, for a job's run, its counters and keyset cursor, all committed together:
 * a retried job resumes after the last committed chunk, and a re-applied chunk changes nothing
 * because the workflow rule is in the WHERE. The chunk's ids reach the UPDATE as an array, so each
 * row is found through the primary key (a join let the planner hash-join a scan of the table).
 */
export async function applyChunk(
  db: QueryClient,
  input: {
    operation: BulkOperation;
    actorId: string | null;
    selection: Prisma.Sql;
    afterId: string | null;
    limit: number;
    runId: string | null;
  },
): Promise<ChunkResult> {
  const { operation, actorId, selection, afterId, limit, runId } = input;
  const after = afterId ? Prisma.sql`AND i."id" > ${afterId}::uuid` : Prisma.empty;
  const run = runId
    ? Prisma.sql`, run AS (
        UPDATE "BulkImageAction" r SET "changed" = r."changed" + t.changed, "skipped" = r."skipped" + t.scanned - t.changed,
          "cursor" = COALESCE(t."lastId", r."cursor")
        FROM tally t WHERE r."id" = ${runId}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ scanned: number; changed: number; lastId: string | null }[]>`
    WITH chunk AS MATERIALIZED (
      SELECT i."id" FROM "Image" i WHERE ${selection} ${after} ORDER BY i."id" LIMIT ${limit}
    ), updated AS (
      UPDATE "Image" i SET ${operation.set}, "updatedAt" = now()
      WHERE i."id" = ANY(ARRAY(SELECT c."id" FROM chunk c)) AND ${operation.eligible}
      RETURNING i."id", old."status" AS "fromStatus", old."productId" AS "fromProductId", old."matchStatus" AS "fromMatchStatus"
    ), audit AS (
      INSERT INTO "AuditLog" ("userId", "action", "entityType", "entityId", "data")
      SELECT ${actorId}::uuid, ${operation.auditAction}, 'Image', u."id"::text, ${operation.auditData(runId)} FROM updated u
    ), tally AS (
      SELECT (SELECT count(*) FROM chunk)::int AS scanned, (SELECT count(*) FROM updated)::int AS changed,
        (SELECT c."id" FROM chunk c ORDER BY c."id" DESC LIMIT 1) AS "lastId"
    )${run}
    SELECT scanned, changed, "lastId"::text AS "lastId" FROM tally`;
  return rows[0]!;
}

/**
 * Every chunk of a filter selection after `afterId`, one applyChunk after another until a short
 * one: the request's inline run and the job's walk (which passes its runId, so each chunk also
 * commits the run's counters and cursor).
 */
export async function applyChunks(
  db: QueryClient,
  input: Omit<Parameters<typeof applyChunk>[1], "limit"> & { chunkSize: number },
): Promise<{ changed: number; skipped: number }> {
  const { chunkSize, ...chunkInput } = input;
  let afterId = input.afterId;
  let changed = 0;
  let skipped = 0;
  for (;;) {
    const chunk = await applyChunk(db, { ...chunkInput, afterId, limit: chunkSize });
    changed += chunk.changed;
    skipped += chunk.scanned - chunk.changed;
    afterId = chunk.lastId ?? afterId;
    if (chunk.scanned < chunkSize) return { changed, skipped };
  }
}

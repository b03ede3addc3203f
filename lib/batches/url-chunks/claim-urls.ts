import { getPrisma, Prisma } from "@/lib/db/client";
import { holdsProcessingCondition } from "../batch-lifecycle";
import { HOST_KEY_PATTERN } from "./url-host-key";

export type ClaimedUrl = {
  id: string;
  url: string;
  name: string | null;
  path: string | null;
  sku: string | null;
  attempts: number;
};

/** A URL is fetched again when the worker holding it has not finished it within this long (it died). */
export function urlLeaseCondition(column: Prisma.Sql, leaseSeconds: number): Prisma.Sql {
  return Prisma.sql`(${column}."status" = 'PENDING' OR (${column}."status" = 'FETCHING' AND ${column}."startedAt" < now() - make_interval(secs => ${leaseSeconds})))`;
}

/** Pending URLs looked at per claim: enough to find URLs of hosts with free slots behind a busy one. */
const CLAIM_WINDOW = 256;

/**
 * Takes up to `limit` URLs of the chunk for this worker (FETCHING, attempts + 1) in list order,
 * skipping rows another worker holds (`FOR UPDATE SKIP LOCKED`), URLs of hosts with no free slot
 * in this process (`fullHosts`) and, per host, more URLs than its free slots (`hosts`/`rooms`, else
 * `perHost`). Nothing is claimed while the batch is paused or cancelled.
 */
export async function claimUrls(options: {
  chunkId: string;
  limit: number;
  perHost: number;
  hosts: string[];
  rooms: number[];
  fullHosts: string[];
  leaseSeconds: number;
}): Promise<ClaimedUrl[]> {
  const { chunkId, limit, perHost, hosts, rooms, fullHosts, leaseSeconds } = options;
  const host = Prisma.sql`lower(substring(u."url" from ${HOST_KEY_PATTERN}))`;
  return getPrisma().$queryRaw<ClaimedUrl[]>`
    WITH pending AS (
      SELECT u."id", u."lineNumber", ${host} AS host FROM "BatchUrl" u
      WHERE u."chunkId" = ${chunkId}::uuid AND ${urlLeaseCondition(Prisma.sql`u`, leaseSeconds)}
        AND ${host} <> ALL(${fullHosts}::text[])
      ORDER BY u."lineNumber" LIMIT ${CLAIM_WINDOW}
    ), picked AS (
      SELECT r."id" FROM (
        SELECT p.*, row_number() OVER (PARTITION BY p.host ORDER BY p."lineNumber") AS n FROM pending p
      ) r
      LEFT JOIN unnest(${hosts}::text[], ${rooms}::int[]) AS room(host, free) ON room.host = r.host
      WHERE r.n <= COALESCE(room.free, ${perHost})
      ORDER BY r."lineNumber" LIMIT ${limit}
    ), locked AS (
      SELECT u."id" FROM "BatchUrl" u
      WHERE u."id" IN (SELECT "id" FROM picked) AND ${urlLeaseCondition(Prisma.sql`u`, leaseSeconds)}
        AND NOT ${holdsProcessingCondition(Prisma.sql`u."batchId"`)}
      FOR UPDATE OF u SKIP LOCKED
    )
    UPDATE "BatchUrl" u SET "status" = 'FETCHING', "attempts" = u."attempts" + 1, "startedAt" = now(), "updatedAt" = now()
    FROM locked WHERE u."id" = locked."id"
    RETURNING u."id"::text AS id, u."url", u."name", u."path", u."sku", u."attempts"`;
}

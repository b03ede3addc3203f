import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, type Batch } from "@/lib/db/client";
import type { BatchUrlCounts } from "../batch-queries";
import { NORM_WINDOW, SPEED_MIN_ITEMS, type ChunkFacts, type HostFacts } from "./health-score";

// The aggregates the analytics endpoints are computed from. Each reads indexed columns only:
// BatchUrl (chunkId, status) per chunk, BatchUrl (batchId, status) for the failures, Image
// (processingStatus, batchId) for failed photos; nothing walks a batch's rows in the application.

export type BatchRow = Batch & {
  brand: { id: string; name: string } | null;
  collection: { id: string; name: string } | null;
};

export async function getBatchRowOrThrow(batchId: string): Promise<BatchRow> {
  const batch = await getPrisma().batch.findUnique({
    where: { id: batchId },
    include: { brand: { select: { id: true, name: true } }, collection: { select: { id: true, name: true } } },
  });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  return batch;
}

export type ChunkRow = ChunkFacts & {
  id: string;
  status: string;
  total: number;
  worker: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: BatchUrlCounts;
};

const emptyUrlCounts = (): BatchUrlCounts => ({
  total: 0,
  pending: 0,
  fetching: 0,
  stored: 0,
  duplicate: 0,
  failed: 0,
  cancelled: 0,
});

const STATUS_KEY: Record<string, keyof BatchUrlCounts> = {
  PENDING: "pending",
  FETCHING: "fetching",
  STORED: "stored",
  DUPLICATE: "duplicate",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

/**
 * Every chunk of a URL batch with its URLs counted by state: one index-only count per chunk
 * ((chunkId, status)), so the batch's totals are the sum of its chunks'.
 */
export async function getChunkRows(batchId: string): Promise<ChunkRow[]> {
  const rows = await getPrisma().$queryRaw<
    {
      id: string;
      index: number;
      status: string;
      total: number;
      worker: string | null;
      startedAt: Date | null;
      finishedAt: Date | null;
      urlStatus: string | null;
      n: bigint | null;
    }[]
  >`
    SELECT c."id"::text AS id, c."index", c."status"::text AS status, c."total", c."worker",
           c."startedAt", c."finishedAt", s."status"::text AS "urlStatus", s.n
    FROM "BatchChunk" c
    LEFT JOIN LATERAL (
      SELECT u."status", count(*) AS n FROM "BatchUrl" u WHERE u."chunkId" = c."id" GROUP BY u."status"
    ) s ON true
    WHERE c."batchId" = ${batchId}::uuid
    ORDER BY c."index"`;
  const chunks = new Map<string, ChunkRow>();
  for (const row of rows) {
    let chunk = chunks.get(row.id);
    if (!chunk) {
      chunk = {
        id: row.id,
        number: row.index + 1,
        status: row.status,
        total: row.total,
        worker: row.worker,
        startedAt: row.startedAt,
        finishedAt: row.finishedAt,
        counts: emptyUrlCounts(),
        finished: 0,
        failed: 0,
      };
      chunks.set(row.id, chunk);
    }
    if (row.urlStatus && row.n !== null) {
      const n = Number(row.n);
      chunk.counts[STATUS_KEY[row.urlStatus]!] += n;
      chunk.counts.total += n;
    }
  }
  for (const chunk of chunks.values()) {
    chunk.finished = chunk.counts.stored + chunk.counts.duplicate + chunk.counts.failed;
    chunk.failed = chunk.counts.failed;
  }
  return [...chunks.values()];
}

export function sumUrlCounts(chunks: readonly ChunkRow[]): BatchUrlCounts {
  const total = emptyUrlCounts();
  for (const chunk of chunks)
    for (const key of Object.keys(total) as (keyof BatchUrlCounts)[]) total[key] += chunk.counts[key];
  return total;
}

export type UrlFailureRow = { category: string; errorCode: string | null; httpStatus: number | null; count: number };

/** A URL batch's failed URLs by category, code and HTTP status ((batchId, status) index). */
export async function getUrlFailures(batchId: string): Promise<UrlFailureRow[]> {
  const rows = await getPrisma().$queryRaw<
    { category: string | null; errorCode: string | null; httpStatus: number | null; n: bigint }[]
  >`
    SELECT "errorCategory"::text AS category, "errorCode", "httpStatus", count(*) AS n
    FROM "BatchUrl" WHERE "batchId" = ${batchId}::uuid AND "status" = 'FAILED'
    GROUP BY 1, 2, 3`;
  return rows.map((r) => ({
    category: r.category ?? "NETWORK",
    errorCode: r.errorCode,
    httpStatus: r.httpStatus,
    count: Number(r.n),
  }));
}

export const HOSTS_SHOWN = 10;

/**
 * The hosts with the most failed URLs (at most HOSTS_SHOWN), each with its failures by category.
 * The host is read from the URL in SQL (scheme://[user@]host[:port]); invalid lines have none.
 */
export async function getFailedHosts(batchId: string): Promise<HostFacts[]> {
  const rows = await getPrisma().$queryRaw<{ host: string; category: string | null; n: bigint }[]>`
    WITH f AS (
      SELECT lower(substring("url" from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\\[[^]/?#]*\\]|[^/?#:]+)')) AS host,
             "errorCategory"::text AS category, count(*) AS n
      FROM "BatchUrl"
      WHERE "batchId" = ${batchId}::uuid AND "status" = 'FAILED' AND "errorCategory" IS DISTINCT FROM 'INVALID_URL'
      GROUP BY 1, 2
    ), top AS (
      SELECT host, sum(n) AS total FROM f WHERE host IS NOT NULL GROUP BY host ORDER BY total DESC, host LIMIT ${HOSTS_SHOWN}
    )
    SELECT f.host, f.category, f.n FROM f JOIN top USING (host) ORDER BY top.total DESC, f.host`;
  const hosts = new Map<string, HostFacts>();
  for (const row of rows) {
    const host = hosts.get(row.host) ?? { host: row.host, failed: 0, byCategory: {} };
    const n = Number(row.n);
    host.failed += n;
    const category = row.category ?? "NETWORK";
    host.byCategory[category] = (host.byCategory[category] ?? 0) + n;
    hosts.set(row.host, host);
  }
  return [...hosts.values()].sort((a, b) => b.failed - a.failed || a.host.localeCompare(b.host));
}

export const BLOCKED_URLS_SHOWN = 50;

export async function getBlockedUrls(
  batchId: string,
): Promise<{ lineNumber: number; url: string; errorCode: string | null }[]> {
  return getPrisma().batchUrl.findMany({
    where: { batchId, status: "FAILED", errorCategory: "BLOCKED_ADDRESS" },
    orderBy: [{ lineNumber: "asc" }, { id: "asc" }],
    take: BLOCKED_URLS_SHOWN,
    select: { lineNumber: true, url: true, errorCode: true },
  });
}

/** The batch's own photos that failed processing, by error code ((processingStatus, batchId) index). */
export async function getProcessingFailures(batchId: string): Promise<Record<string, number>> {
  const rows = await getPrisma().$queryRaw<{ code: string | null; n: bigint }[]>`
    SELECT "processingErrorCode" AS code, count(*) AS n FROM "Image"
    WHERE "processingStatus" = 'FAILED' AND "batchId" = ${batchId}::uuid
    GROUP BY 1`;
  return Object.fromEntries(rows.map((r) => [r.code ?? "PROCESSING_FAILED", Number(r.n)]));
}

/**
 * Items per minute of the last NORM_WINDOW finished batches of the same source (this one aside):
 * items ÷ (finishedAt − startedAt). A URL batch's items are its chunks' sizes (every URL of a
 * finished batch is finished), an upload batch's its uploads (index-only count on (batchId, imageId)).
 */
export async function getNormRates(batch: Pick<Batch, "id" | "source">): Promise<number[]> {
  const items =
    batch.source === "URL_LIST"
      ? `(SELECT coalesce(sum(c."total"), 0) FROM "BatchChunk" c WHERE c."batchId" = b."id")`
      : `(SELECT count(*) FROM "BatchUpload" u WHERE u."batchId" = b."id")`;
  const rows = await getPrisma().$queryRawUnsafe<{ items: bigint | number; seconds: number }[]>(
    `SELECT ${items} AS items, extract(epoch FROM b."finishedAt" - b."startedAt")::float8 AS seconds
     FROM (
       SELECT "id", "startedAt", "finishedAt" FROM "Batch"
       WHERE "source" = $1::"BatchSource" AND "id" <> $2::uuid AND "deletedAt" IS NULL
         AND "status" IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')
         AND "startedAt" IS NOT NULL AND "finishedAt" > "startedAt"
       ORDER BY "finishedAt" DESC LIMIT ${NORM_WINDOW}
     ) b`,
    batch.source,
    batch.id,
  );
  return rows
    .map((r) => ({ items: Number(r.items), minutes: Math.max(r.seconds / 60, 1 / 60) }))
    .filter((r) => r.items >= SPEED_MIN_ITEMS)
    .map((r) => r.items / r.minutes);
}

/** Items per minute over the batch's run so far, or null when it is too early to tell. */
export function runRate(
  batch: Pick<Batch, "startedAt" | "finishedAt">,
  finishedItems: number,
  now = new Date(),
): number | null {
  if (!batch.startedAt || finishedItems < SPEED_MIN_ITEMS) return null;
  const end = batch.finishedAt ?? now;
  const seconds = (end.getTime() - batch.startedAt.getTime()) / 1000;
  if (seconds <= 0) return null;
  if (!batch.finishedAt && seconds < 60) return null;
  return finishedItems / Math.max(seconds / 60, 1 / 60);
}

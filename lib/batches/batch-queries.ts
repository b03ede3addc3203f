import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, type Batch, type BatchStatus, type Prisma } from "@/lib/db/client";
import type {
  batchCountsSchema,
  batchDetailSchema,
  batchPageSchema,
  batchSchema,
  batchUrlCountsSchema,
  duplicateFileSchema,
  refusedFileSchema,
} from "./schemas";

export type BatchCounts = z.infer<typeof batchCountsSchema>;
export type BatchUrlCounts = z.infer<typeof batchUrlCountsSchema>;
type BatchView = z.infer<typeof batchSchema>;
type DuplicateFile = z.infer<typeof duplicateFileSchema>;

/**
 * Per-batch counts from the uploads and their images (a duplicate counts in every batch that
 * received it); `refused` counts the files the server refused, which are not in `total`.
 */
export async function getBatchCounts(batchIds: string[]): Promise<Map<string, BatchCounts>> {
  const result = new Map<string, BatchCounts>();
  for (const id of batchIds)
    result.set(id, {
      total: 0,
      uploaded: 0,
      duplicates: 0,
      processed: 0,
      failed: 0,
      queued: 0,
      processing: 0,
      cancelled: 0,
      refused: 0,
    });
  if (batchIds.length === 0) return result;
  const [rows, refusals] = await Promise.all([
    getPrisma().$queryRaw<{ batchId: string; processingStatus: string; isDuplicate: boolean; count: bigint }[]>`
    SELECT u."batchId"::text AS "batchId", i."processingStatus"::text AS "processingStatus", u."isDuplicate", count(*) AS count
    FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
    WHERE u."batchId" = ANY(${batchIds}::uuid[])
    GROUP BY 1, 2, 3`,
    getPrisma().batchUploadRefusal.groupBy({
      by: ["batchId"],
      where: { batchId: { in: batchIds } },
      _count: { _all: true },
    }),
  ]);
  for (const row of refusals) result.get(row.batchId)!.refused = row._count._all;
  for (const row of rows) {
    const counts = result.get(row.batchId)!;
    const n = Number(row.count);
    counts.total += n;
    if (row.isDuplicate) counts.duplicates += n;
    if (row.processingStatus === "UPLOADED") counts.uploaded += n;
    if (row.processingStatus === "READY") counts.processed += n;
    if (row.processingStatus === "FAILED") counts.failed += n;
    if (row.processingStatus === "QUEUED") counts.queued += n;
    if (row.processingStatus === "PROCESSING") counts.processing += n;
    if (row.processingStatus === "CANCELLED") counts.cancelled += n;
  }
  return result;
}

const URL_STATUS_KEYS = {
  PENDING: "pending",
  FETCHING: "fetching",
  STORED: "stored",
  DUPLICATE: "duplicate",
  FAILED: "failed",
  CANCELLED: "cancelled",
} as const satisfies Record<string, keyof BatchUrlCounts>;

/** Per-batch URL counts by state, for the URL batches among `batchIds` (upload batches are absent). */
export async function getBatchUrlCounts(batchIds: string[]): Promise<Map<string, BatchUrlCounts>> {
  const result = new Map<string, BatchUrlCounts>();
  if (batchIds.length === 0) return result;
  const rows = await getPrisma().batchUrl.groupBy({
    by: ["batchId", "status"],
    where: { batchId: { in: batchIds } },
    _count: { _all: true },
  });
  for (const row of rows) {
    const counts = result.get(row.batchId) ?? {
      total: 0,
      pending: 0,
      fetching: 0,
      stored: 0,
      duplicate: 0,
      failed: 0,
      cancelled: 0,
    };
    counts.total += row._count._all;
    counts[URL_STATUS_KEYS[row.status]] += row._count._all;
    result.set(row.batchId, counts);
  }
  return result;
}

const batchInclude = {
  brand: { select: { id: true, name: true } },
  collection: { select: { id: true, name: true } },
} as const;

type BatchWithRelations = Batch & {
  brand: { id: string; name: string } | null;
  collection: { id: string; name: string } | null;
};

export function presentBatch(
  batch: BatchWithRelations,
  counts: BatchCounts,
  urlCounts: BatchUrlCounts | undefined,
): BatchView {
  const emptyUrlCounts = { total: 0, pending: 0, fetching: 0, stored: 0, duplicate: 0, failed: 0, cancelled: 0 };
  return {
    id: batch.id,
    name: batch.name,
    status: batch.status,
    source: batch.source,
    chunkSize: batch.chunkSize,
    urlCounts: batch.source === "URL_LIST" ? (urlCounts ?? emptyUrlCounts) : null,
    deletedAt: batch.deletedAt?.toISOString() ?? null,
    purgeAfter: batch.purgeAfter?.toISOString() ?? null,
    clonedFromId: batch.clonedFromId,
    brand: batch.brand,
    collection: batch.collection,
    counts,
    createdAt: batch.createdAt.toISOString(),
    startedAt: batch.startedAt?.toISOString() ?? null,
    finishedAt: batch.finishedAt?.toISOString() ?? null,
  };
}

/** Duplicate files listed by name in the batch detail; `counts.duplicates` has the full count. */
export const DUPLICATE_FILES_SHOWN = 200;

/** The files of a batch whose bytes were already in the bank (in this batch or another), oldest first. */
async function listDuplicateFiles(batchId: string): Promise<DuplicateFile[]> {
  const rows = await getPrisma().batchUpload.findMany({
    where: { batchId, isDuplicate: true },
    orderBy: { id: "asc" },
    take: DUPLICATE_FILES_SHOWN,
    select: {
      originalName: true,
      relativePath: true,
      imageId: true,
      createdAt: true,
      image: { select: { originalName: true } },
    },
  });
  return rows.map((r) => ({
    name: r.originalName,
    relativePath: r.relativePath,
    imageId: r.imageId,
    duplicateOf: r.image.originalName,
    receivedAt: r.createdAt.toISOString(),
  }));
}

/** Refused files listed in the batch detail; `counts.refused` has the full count. */
export const REFUSED_FILES_SHOWN = 200;

type RefusedFile = z.infer<typeof refusedFileSchema>;

/** The files of a batch the server refused, with their reason, oldest first. */
async function listRefusedFiles(batchId: string): Promise<RefusedFile[]> {
  const rows = await getPrisma().batchUploadRefusal.findMany({
    where: { batchId },
    orderBy: { id: "asc" },
    take: REFUSED_FILES_SHOWN,
  });
  return rows.map((r) => ({
    uploadId: r.clientUploadId,
    name: r.originalName,
    relativePath: r.relativePath,
    error: { code: r.code, message: r.message },
    refusedAt: r.createdAt.toISOString(),
  }));
}

/**
 * One batch with its counts, the duplicate files it received (each image is listed once by
 * listImages) and the files it refused.
 */
export async function getBatchOrThrow(id: string): Promise<z.infer<typeof batchDetailSchema>> {
  const batch = await getPrisma().batch.findUnique({ where: { id }, include: batchInclude });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  const [counts, urlCounts, duplicateFiles, refusedFiles] = await Promise.all([
    getBatchCounts([id]),
    getBatchUrlCounts([id]),
    listDuplicateFiles(id),
    listRefusedFiles(id),
  ]);
  return { ...presentBatch(batch, counts.get(id)!, urlCounts.get(id)), duplicateFiles, refusedFiles };
}

/**
 * Most recent first, keyset-paginated by id (ids are time-ordered UUIDv7). Soft-deleted batches are
 * left out unless `includeSoftDeleted`; `statuses` keeps only those statuses.
 */
export async function listBatches(options: {
  limit: number;
  cursor?: string;
  statuses?: readonly BatchStatus[];
  includeSoftDeleted?: boolean;
}): Promise<z.infer<typeof batchPageSchema>> {
  const where: Prisma.BatchWhereInput = {};
  if (options.cursor) where.id = { lt: options.cursor };
  if (options.statuses) where.status = { in: [...options.statuses] };
  if (!options.includeSoftDeleted) where.deletedAt = null;
  const batches = await getPrisma().batch.findMany({
    where,
    orderBy: { id: "desc" },
    take: options.limit + 1,
    include: batchInclude,
  });
  const page = batches.slice(0, options.limit);
  const ids = page.map((b) => b.id);
  const [counts, urlCounts] = await Promise.all([getBatchCounts(ids), getBatchUrlCounts(ids)]);
  return {
    items: page.map((b) => presentBatch(b, counts.get(b.id)!, urlCounts.get(b.id))),
    nextCursor: batches.length > options.limit ? page[page.length - 1]!.id : null,
  };
}

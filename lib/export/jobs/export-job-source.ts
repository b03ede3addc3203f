import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma } from "@/lib/db/client";
import { imageFilterConditions, whereOf } from "@/lib/images/image-filters";
import { exportableBatchOrThrow } from "../batch-export";
import {
  batchesZipStream,
  batchFileStream,
  batchFilterOf,
  photosFileStream,
  type PageCounter,
} from "../export-builders";
import { EXPORT_FORMAT_INFO, parseExportFormat, type ExportFormat } from "../formats";
import { IMAGE_EXPORT_JOINS } from "../image-export";
import type { BatchExportQuery } from "../schemas";
import type { ExportJobRequest } from "./schemas";

export type ExportJobSource = {
  format: ExportFormat;
  extension: string;
  contentType: string;
  /** The rows the file will have (counted before writing it: the job's progress is rows / this). */
  totalRows: number;
  stream: (count: PageCounter) => ReadableStream<Uint8Array>;
};

const batchQueryOf = (
  request: Extract<ExportJobRequest, { kind: "batch" }>,
  format: ExportFormat,
): BatchExportQuery => ({
  format,
  metadata: request.metadata,
  separator: request.separator,
  success_only: request.success_only,
  failed_only: request.failed_only,
  start_date: request.start_date,
  end_date: request.end_date,
});

/** Items a batch export will write with these filters: its files, the URLs that never became files, its refused files. */
async function countBatchRows(batchId: string, query: BatchExportQuery): Promise<number> {
  const filter = batchFilterOf(query);
  const range = (column: Prisma.Sql) =>
    Prisma.sql`${filter.startDate ? Prisma.sql`AND ${column} >= ${filter.startDate}` : Prisma.empty}
      ${filter.endDate ? Prisma.sql`AND ${column} < ${filter.endDate}` : Prisma.empty}`;
  const status = filter.successOnly
    ? Prisma.sql`AND i."processingStatus" = 'READY'`
    : filter.failedOnly
      ? Prisma.sql`AND i."processingStatus" = 'FAILED'`
      : Prisma.empty;
  const urlStatuses = filter.failedOnly ? ["FAILED"] : ["PENDING", "FETCHING", "FAILED", "CANCELLED"];
  const [row] = await getPrisma().$queryRaw<{ n: number }[]>`
    SELECT (
      (SELECT count(*) FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
        WHERE u."batchId" = ${batchId}::uuid ${status} ${range(Prisma.sql`u."createdAt"`)})
      + (CASE WHEN ${filter.successOnly === true} THEN 0 ELSE
          (SELECT count(*) FROM "BatchUrl" bu WHERE bu."batchId" = ${batchId}::uuid
            AND bu."status"::text = ANY(${urlStatuses}::text[]) ${range(Prisma.sql`COALESCE(bu."fetchedAt", bu."updatedAt")`)})
          + (SELECT count(*) FROM "BatchUploadRefusal" r WHERE r."batchId" = ${batchId}::uuid ${range(Prisma.sql`r."createdAt"`)})
        END)
    )::int AS n`;
  return row?.n ?? 0;
}

/**
 * What an export job writes, from its request: checked again when the job runs (a batch deleted
 * since is NOT_FOUND / EXPORT_BATCHES_NOT_FOUND, and the job fails with that code), counted, and
 * the file's stream — the same builders as the streamed routes, so the file is the same.
 */
export async function exportJobSource(request: ExportJobRequest): Promise<ExportJobSource> {
  const format = parseExportFormat(request.format);
  const info = {
    format,
    extension: EXPORT_FORMAT_INFO[format].extension,
    contentType: EXPORT_FORMAT_INFO[format].contentType,
  };
  if (request.kind === "batch") {
    const batch = await exportableBatchOrThrow(request.batch_id);
    const query = batchQueryOf(request, format);
    return {
      ...info,
      totalRows: await countBatchRows(batch.id, query),
      stream: (count) => batchFileStream(batch, format, query, count),
    };
  }
  if (request.kind === "batches") {
    const batches = await existingBatchesOrThrow(request.batch_ids);
    const query: BatchExportQuery = {
      format,
      metadata: request.metadata,
      separator: ";",
      success_only: false,
      failed_only: false,
    };
    let totalRows = 0;
    for (const batch of batches) totalRows += await countBatchRows(batch.id, query);
    return {
      ...info,
      extension: "zip",
      contentType: "application/zip",
      totalRows,
      stream: (count) => batchesZipStream(batches, format, request.metadata, count),
    };
  }
  const where = whereOf(imageFilterConditions(request.filters));
  const [row] = await getPrisma().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Image" i ${IMAGE_EXPORT_JOINS} WHERE ${where}`;
  return {
    ...info,
    totalRows: Math.min(row?.n ?? 0, request.limit ?? Number.POSITIVE_INFINITY),
    stream: (count) =>
      photosFileStream(
        {
          format,
          where,
          metadata: request.metadata,
          separator: request.separator,
          limit: request.limit,
          selection: { label: "Filtros", value: JSON.stringify(request.filters) },
        },
        count,
      ),
  };
}

/** The batches named, in the order asked (duplicates once), or EXPORT_BATCHES_NOT_FOUND naming those missing or soft-deleted. */
export async function existingBatchesOrThrow(batchIds: string[]): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(batchIds)];
  const found = await getPrisma().batch.findMany({
    where: { id: { in: ids }, deletedAt: null },
    select: { id: true, name: true },
  });
  const byId = new Map(found.map((b) => [b.id, b]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw new ApiError("EXPORT_BATCHES_NOT_FOUND", `Lotes não encontrados (ou excluídos): ${missing.join(", ")}.`, {
      ids: missing.join(", "),
    });
  return ids.map((id) => byId.get(id)!);
}

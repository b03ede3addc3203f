import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma } from "@/lib/db/client";
import type { CellValue, ExportColumn } from "./columns";
import { keysetPages } from "./export-stream";
import { IMAGE_EXPORT_JOINS, IMAGE_EXPORT_SELECT, imageExportColumns, type ImageExportRow } from "./image-export";

/** What happened to one item of a batch, as the export says it. */
export type BatchItemResult = "sucesso" | "duplicada" | "falha" | "pendente" | "cancelada";

/**
 * One item of a batch: a file it received (uploaded or fetched from a URL, with its photo), a URL
 * that never became a file (failed, pending, cancelled) or a file the server refused.
 */
export type BatchExportRow = {
  key: string;
  origin: "arquivo" | "url" | "recusado";
  result: BatchItemResult;
  name: string;
  relativePath: string | null;
  url: string | null;
  lineNumber: number | null;
  errorCategory: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  httpStatus: number | null;
  receivedAt: Date;
  image: ImageExportRow | null;
};

/** seed 004: success_only / failed_only and a date range on when the item was received. */
export type BatchExportFilter = {
  successOnly?: boolean;
  failedOnly?: boolean;
  startDate?: Date;
  endDate?: Date;
};

const BATCH_COLUMNS: readonly ExportColumn<BatchExportRow>[] = [
  { key: "origem_item", header: "origem_item", value: (r) => r.origin },
  { key: "resultado", header: "resultado", value: (r) => r.result },
  { key: "linha", header: "linha", value: (r) => r.lineNumber },
  { key: "url", header: "url", value: (r) => r.url },
  { key: "categoria_erro", header: "categoria_erro", value: (r) => r.errorCategory },
  { key: "codigo_erro", header: "codigo_erro", value: (r) => r.errorCode },
  { key: "http_status", header: "http_status", value: (r) => r.httpStatus },
];

/** The batch columns, then the photo columns (empty for an item without a photo; its name and error filled in). */
export function batchExportColumns(metadata: boolean): ExportColumn<BatchExportRow>[] {
  const own: Record<string, (row: BatchExportRow) => CellValue> = {
    arquivo: (r) => r.name,
    caminho: (r) => r.relativePath,
    erro: (r) => r.errorCode,
    erro_mensagem: (r) => r.errorMessage,
    url_origem: (r) => r.url,
    recebida_em: (r) => r.receivedAt,
  };
  // Not the photo column's SQL (it reads a photo's row, not a batch item's): batch items are written from their rows.
  const photo = imageExportColumns(metadata).map((column): ExportColumn<BatchExportRow> => ({
    key: column.key,
    header: column.header,
    value: (row) => (row.image ? column.value(row.image) : (own[column.key]?.(row) ?? null)),
  }));
  return [...photo.slice(0, 1), ...BATCH_COLUMNS, ...photo.slice(1)];
}

function resultOfImage(processingStatus: string, isDuplicate: boolean): BatchItemResult {
  if (processingStatus === "FAILED") return "falha";
  if (processingStatus === "CANCELLED") return "cancelada";
  if (processingStatus !== "READY") return "pendente";
  return isDuplicate ? "duplicada" : "sucesso";
}

const RESULT_OF_URL: Record<string, BatchItemResult> = {
  PENDING: "pendente",
  FETCHING: "pendente",
  FAILED: "falha",
  CANCELLED: "cancelada",
};

function range(column: Prisma.Sql, filter: BatchExportFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.startDate) parts.push(Prisma.sql`${column} >= ${filter.startDate}`);
  if (filter.endDate) parts.push(Prisma.sql`${column} < ${filter.endDate}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

type UploadRow = ImageExportRow & {
  key: string;
  uploadName: string;
  uploadPath: string | null;
  isDuplicate: boolean;
  receivedAt: Date;
  url: string | null;
  lineNumber: number | null;
};

/** Files the batch received (its own and duplicates), with the URL they came from for a URL batch. */
function uploadPages(batchId: string, filter: BatchExportFilter, pageSize: number, limit: number) {
  const status = filter.successOnly
    ? Prisma.sql`AND i."processingStatus" = 'READY'`
    : filter.failedOnly
      ? Prisma.sql`AND i."processingStatus" = 'FAILED'`
      : Prisma.empty;
  return keysetPages(
    (after, limit) =>
      getPrisma().$queryRaw<UploadRow[]>`
        SELECT ${IMAGE_EXPORT_SELECT}, u."id"::text AS key, u."originalName" AS "uploadName", u."relativePath" AS "uploadPath",
          u."isDuplicate", u."createdAt" AS "receivedAt", bu."url", bu."lineNumber"
        FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId" ${IMAGE_EXPORT_JOINS}
        LEFT JOIN "BatchUrl" bu ON u."clientUploadId" LIKE 'url:%' AND bu."batchId" = u."batchId"
          AND bu."id"::text = substring(u."clientUploadId" from 5)
        WHERE u."batchId" = ${batchId}::uuid ${after ? Prisma.sql`AND u."id" > ${after}::uuid` : Prisma.empty}
          ${status} ${range(Prisma.sql`u."createdAt"`, filter)}
        ORDER BY u."id" LIMIT ${limit}`,
    (row) => row.key,
    pageSize,
    limit,
  );
}

type UrlRow = {
  key: string;
  url: string;
  lineNumber: number;
  name: string | null;
  path: string | null;
  status: string;
  errorCategory: string | null;
  errorCode: string | null;
  httpStatus: number | null;
  at: Date;
};

/** URLs that never became a file: failed, pending or cancelled (stored ones are files above). */
function urlPages(batchId: string, filter: BatchExportFilter, pageSize: number, limit: number) {
  const statuses = filter.failedOnly ? ["FAILED"] : ["PENDING", "FETCHING", "FAILED", "CANCELLED"];
  return keysetPages(
    (after, limit) =>
      getPrisma().$queryRaw<UrlRow[]>`
        SELECT u."id"::text AS key, u."url", u."lineNumber", u."name", u."path", u."status"::text AS status,
          u."errorCategory"::text AS "errorCategory", u."errorCode", u."httpStatus", COALESCE(u."fetchedAt", u."updatedAt") AS at
        FROM "BatchUrl" u
        WHERE u."batchId" = ${batchId}::uuid AND u."status"::text = ANY(${statuses}::text[])
          ${after ? Prisma.sql`AND u."id" > ${after}::uuid` : Prisma.empty}
          ${range(Prisma.sql`COALESCE(u."fetchedAt", u."updatedAt")`, filter)}
        ORDER BY u."id" LIMIT ${limit}`,
    (row) => row.key,
    pageSize,
    limit,
  );
}

function refusalPages(batchId: string, filter: BatchExportFilter, pageSize: number, limit: number) {
  return keysetPages(
    (after, limit) =>
      getPrisma().$queryRaw<
        { key: string; name: string; path: string | null; code: string; message: string; at: Date }[]
      >`
        SELECT r."id"::text AS key, r."originalName" AS name, r."relativePath" AS path, r."code", r."message", r."createdAt" AS at
        FROM "BatchUploadRefusal" r
        WHERE r."batchId" = ${batchId}::uuid ${after ? Prisma.sql`AND r."id" > ${after}::uuid` : Prisma.empty}
          ${range(Prisma.sql`r."createdAt"`, filter)}
        ORDER BY r."id" LIMIT ${limit}`,
    (row) => row.key,
    pageSize,
    limit,
  );
}

const lastSegment = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").filter(Boolean).pop() ?? "") || url;
  } catch {
    return url;
  }
};

/**
 * Every item of a batch a page at a time: the files it received, then the URLs that never became
 * files, then the files it refused — each part in its own keyset order, read as the client pulls.
 * `limit` rows at most (an estimate's sample): no page is asked for beyond them.
 */
export async function* batchExportPages(
  batchId: string,
  filter: BatchExportFilter = {},
  pageSize = 1_000,
  limit = Number.POSITIVE_INFINITY,
): AsyncGenerator<BatchExportRow[]> {
  let left = limit;
  for await (const page of uploadPages(batchId, filter, pageSize, left)) {
    left -= page.length;
    yield page.map((row) => {
      const { key, uploadName, uploadPath, isDuplicate, receivedAt, url, lineNumber, ...image } = row;
      return {
        key,
        origin: url ? "url" : "arquivo",
        result: resultOfImage(image.processingStatus, isDuplicate),
        name: uploadName,
        relativePath: uploadPath,
        url,
        lineNumber,
        errorCategory: null,
        errorCode: image.processingErrorCode,
        errorMessage: image.processingError,
        httpStatus: null,
        receivedAt,
        image: { ...image, originalName: uploadName, relativePath: uploadPath, sourceUrl: url ?? image.sourceUrl },
      };
    });
  }
  if (filter.successOnly || left <= 0) return;
  for await (const page of urlPages(batchId, filter, pageSize, left)) {
    left -= page.length;
    yield page.map((row) => ({
      key: row.key,
      origin: "url" as const,
      result: RESULT_OF_URL[row.status] ?? "pendente",
      name: row.name ?? lastSegment(row.url),
      relativePath: row.path,
      url: row.url,
      lineNumber: row.lineNumber,
      errorCategory: row.errorCategory,
      errorCode: row.errorCode,
      errorMessage: null,
      httpStatus: row.httpStatus,
      receivedAt: row.at,
      image: null,
    }));
  }
  if (left <= 0) return;
  for await (const page of refusalPages(batchId, filter, pageSize, left))
    yield page.map((row) => ({
      key: row.key,
      origin: "recusado" as const,
      result: "falha" as const,
      name: row.name,
      relativePath: row.path,
      url: null,
      lineNumber: null,
      errorCategory: null,
      errorCode: row.code,
      errorMessage: row.message,
      httpStatus: null,
      receivedAt: row.at,
      image: null,
    }));
}

/** A batch that exists and is not soft-deleted, or NOT_FOUND. */
export async function exportableBatchOrThrow(batchId: string): Promise<{ id: string; name: string }> {
  const batch = await getPrisma().batch.findFirst({
    where: { id: batchId, deletedAt: null },
    select: { id: true, name: true },
  });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  return batch;
}

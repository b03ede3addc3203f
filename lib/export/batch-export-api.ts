import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { batchExportColumns, batchExportPages, exportableBatchOrThrow } from "./batch-export";
import { jsonValue } from "./columns";
import { batchesZipStream, batchFileStream, batchFilterOf, batchFiltersApplied } from "./export-builders";
import { estimatedBytes } from "./estimated-size";
import { ESTIMATE_SAMPLE_ROWS, estimateExport } from "./export-estimate";
import { EXPORT_FORMATS, parseExportFormat } from "./formats";
import { recordedExport } from "./record-export";
import type { BatchExportQuery, BatchExportSummary } from "./schemas";

export const BATCH_PREVIEW_ROWS = 100;

/** GET /export/batch/{id}: every item of a batch (files, URLs that failed, refused files) in the format asked for. */
export async function batchExport(actor: SessionUser, batchId: string, query: BatchExportQuery) {
  const format = parseExportFormat(query.format);
  const batch = await exportableBatchOrThrow(batchId);
  const stream = await recordedExport({ kind: "batch", format, userId: actor.id }, (count) =>
    batchFileStream(batch, format, query, count),
  );
  return { format, stream, name: `lote-${batch.id.slice(0, 8)}` };
}

/** GET /export/batch/{id}/preview: the first rows as JSON objects (the export's columns) and the filters applied. */
export async function batchExportPreview(batchId: string, query: BatchExportQuery) {
  const batch = await exportableBatchOrThrow(batchId);
  const columns = batchExportColumns(query.metadata);
  const rows: Record<string, unknown>[] = [];
  for await (const page of batchExportPages(batch.id, batchFilterOf(query), BATCH_PREVIEW_ROWS)) {
    for (const row of page) {
      rows.push(Object.fromEntries(columns.map((c) => [c.key, jsonValue(c.value(row))])));
      if (rows.length >= BATCH_PREVIEW_ROWS) break;
    }
    if (rows.length >= BATCH_PREVIEW_ROWS) break;
  }
  return {
    batch_id: batch.id,
    batch_name: batch.name,
    columns: columns.map((c) => c.key),
    rows,
    filters_applied: batchFiltersApplied(query),
  };
}

/** GET /export/batch/{id}/summary: totals, success rate, estimated size per format, the filters with their counts. */
export async function batchExportSummary(batchId: string, query: BatchExportQuery): Promise<BatchExportSummary> {
  const batch = await exportableBatchOrThrow(batchId);
  const prisma = getPrisma();
  const [uploads, urls, refused, span] = await Promise.all([
    prisma.$queryRaw<{ status: string; isDuplicate: boolean; n: number }[]>`
      SELECT i."processingStatus"::text AS status, u."isDuplicate", count(*)::int AS n
      FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId" WHERE u."batchId" = ${batch.id}::uuid GROUP BY 1, 2`,
    prisma.batchUrl.groupBy({
      by: ["status"],
      where: { batchId: batch.id, status: { in: ["PENDING", "FETCHING", "FAILED", "CANCELLED"] } },
      _count: { _all: true },
    }),
    prisma.batchUploadRefusal.count({ where: { batchId: batch.id } }),
    prisma.batchUpload.aggregate({
      where: { batchId: batch.id },
      _min: { createdAt: true },
      _max: { createdAt: true },
    }),
  ]);
  const totals = { successful: 0, duplicates: 0, failed: refused, pending: 0, cancelled: 0 };
  for (const row of uploads) {
    if (row.status === "READY") {
      totals.successful += row.n;
      if (row.isDuplicate) totals.duplicates += row.n;
    } else if (row.status === "FAILED") totals.failed += row.n;
    else if (row.status === "CANCELLED") totals.cancelled += row.n;
    else totals.pending += row.n;
  }
  for (const row of urls) {
    const n = row._count._all;
    if (row.status === "FAILED") totals.failed += n;
    else if (row.status === "CANCELLED") totals.cancelled += n;
    else totals.pending += n;
  }
  const total = totals.successful + totals.failed + totals.pending + totals.cancelled;
  const finished = totals.successful + totals.failed;

  // Size per format: the first rows written in each format, scaled to the total.
  const estimate = await estimateExport({
    columns: batchExportColumns(query.metadata),
    pages: batchExportPages(batch.id, {}, ESTIMATE_SAMPLE_ROWS + 1, ESTIMATE_SAMPLE_ROWS + 1),
  });
  const estimated = Object.fromEntries(
    EXPORT_FORMATS.map((format) => [format, total === 0 ? 0 : estimatedBytes(estimate, format, total)]),
  ) as BatchExportSummary["estimated_size_bytes"];
  return {
    batch_id: batch.id,
    batch_name: batch.name,
    total_items: total,
    ...totals,
    success_rate: finished > 0 ? Math.round((totals.successful / finished) * 1000) / 10 : 0,
    estimated_size_bytes: estimated,
    available_filters: {
      success_only: totals.successful,
      failed_only: totals.failed,
      date_range: {
        start: span._min.createdAt?.toISOString() ?? null,
        end: span._max.createdAt?.toISOString() ?? null,
      },
    },
  };
}

/**
 * POST /export/batches/multiple: a ZIP with one file per batch, each written when the ZIP reaches it
 * (one batch's rows at a time, pulled as the client reads). Ids that name no batch, or a
 * soft-deleted one, are refused together (EXPORT_BATCHES_NOT_FOUND names them) before any byte.
 */
export async function multipleBatchExport(
  actor: SessionUser,
  input: { batch_ids: string[]; format: string; metadata: boolean },
) {
  const format = parseExportFormat(input.format);
  const ids = [...new Set(input.batch_ids)];
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
  const batches = ids.map((id) => byId.get(id)!);
  const stream = await recordedExport({ kind: "batches", format, userId: actor.id }, (count) =>
    batchesZipStream(batches, format, input.metadata, count),
  );
  return { stream, name: `lotes-${batches.length}` };
}

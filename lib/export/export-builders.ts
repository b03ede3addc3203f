import { PassThrough, Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { Prisma } from "@/lib/db/client";
import { zipEntryNames } from "@/lib/images/bulk/zip-entry-names";
import { batchExportColumns, batchExportPages, type BatchExportFilter } from "./batch-export";
import { exportStream, type PageCounter } from "./export-stream";
import { EXPORT_FORMAT_INFO, type ExportFormat } from "./formats";
import { imageExportColumns, imageExportPages, imageExportQuery } from "./image-export";
import { dateOf, type BatchExportQuery } from "./schemas";

/**
 * The files every export writes, whoever reads them: a route streaming to the client
 * (batch-export-api.ts, filtered-export.ts) or an export job writing into blob storage
 * (jobs/run-export-job.ts). `count` wraps the pages (a recorded export counts its rows with it).
 */
export type { PageCounter };
const asIs: PageCounter = (pages) => pages;

export function batchFilterOf(query: BatchExportQuery): BatchExportFilter {
  return {
    successOnly: query.success_only,
    failedOnly: query.failed_only,
    startDate: query.start_date ? dateOf(query.start_date, "from") : undefined,
    endDate: query.end_date ? dateOf(query.end_date, "to") : undefined,
  };
}

export function batchFiltersApplied(query: BatchExportQuery) {
  return {
    success_only: query.success_only,
    failed_only: query.failed_only,
    start_date: query.start_date ?? null,
    end_date: query.end_date ?? null,
    metadata: query.metadata,
  };
}

/** One batch's items in a format (XLSX: with a Resumo sheet naming the batch and the filters). */
export function batchFileStream(
  batch: { id: string; name: string },
  format: ExportFormat,
  query: BatchExportQuery,
  count: PageCounter = asIs,
): ReadableStream<Uint8Array> {
  return exportStream({
    format,
    columns: batchExportColumns(query.metadata),
    csvSeparator: query.separator,
    pages: count(batchExportPages(batch.id, batchFilterOf(query))),
    summary: async () => [
      { label: "Lote", value: batch.name },
      { label: "Exportado em", value: new Date() },
      { label: "Filtros", value: JSON.stringify(batchFiltersApplied(query)) },
    ],
  });
}

/**
 * A ZIP with one file per batch, each written when the ZIP reaches it (one batch's rows at a
 * time, pulled as the reader reads); a reader that goes away stops the batch being written.
 */
export function batchesZipStream(
  batches: { id: string; name: string }[],
  format: ExportFormat,
  metadata: boolean,
  count: PageCounter = asIs,
): ReadableStream<Uint8Array> {
  const names = zipEntryNames(batches.map((b) => `${b.name}.${EXPORT_FORMAT_INFO[format].extension}`));
  const query: BatchExportQuery = { format, metadata, separator: ";", success_only: false, failed_only: false };
  const zip = new ZipFile();
  const output = zip.outputStream as PassThrough;
  let stopped = false;
  let current: Readable | null = null;
  output.once("close", () => {
    stopped = true;
    current?.destroy();
  });
  void (async () => {
    for (const [i, batch] of batches.entries()) {
      if (stopped) return;
      const entry: Readable = Readable.fromWeb(batchFileStream(batch, format, query, count) as never);
      current = entry;
      const ended = new Promise<void>((resolve, reject) => {
        entry.once("end", resolve);
        entry.once("close", resolve);
        entry.once("error", reject);
      });
      zip.addReadStream(entry, names[i]!);
      await ended;
    }
    zip.end();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/** The photos a catalog condition selects (`where`, built by filtered-export.ts or a job), in id order. */
export function photosFileStream(
  spec: {
    format: ExportFormat;
    where: Prisma.Sql;
    metadata: boolean;
    separator: ";" | ",";
    limit?: number;
    /** The Resumo sheet's line about what was selected. */
    selection: { label: string; value: string | number };
  },
  count: PageCounter = asIs,
): ReadableStream<Uint8Array> {
  return exportStream({
    format: spec.format,
    columns: imageExportColumns(spec.metadata),
    csvSeparator: spec.separator,
    pages: count(imageExportPages(spec.where, { limit: spec.limit })),
    sql: { rows: imageExportQuery(spec.where, spec.limit), count },
    summary: async () => [
      { label: "Exportado em", value: new Date() },
      spec.selection,
      { label: "Colunas", value: spec.metadata ? "completas (metadata=true)" : "básicas (metadata=false)" },
    ],
  });
}

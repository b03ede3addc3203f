import "server-only";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { exportStream, type ExportSource, type PageCounter } from "./export-stream";
import { parseExportFormat, type ExportFormat } from "./formats";

const log = getLogger("EXPORT");

/**
 * Records an export (ExportRecord) and returns its stream measured: the rows counted by `countRows`
 * (wrap the pages with it) and the bytes that reached the client; DONE when the last byte went,
 * CANCELLED when the client went away first, FAILED when the source threw.
 */
export async function recordedExport(
  meta: { kind: string; format: ExportFormat; userId: string | null },
  build: (countRows: PageCounter) => ReadableStream<Uint8Array>,
): Promise<ReadableStream<Uint8Array>> {
  const record = await getPrisma().exportRecord.create({ data: meta, select: { id: true } });
  let rows = 0;
  let bytes = 0;
  let finished = false;
  let cancelled = false;
  const finish = async (status: "DONE" | "CANCELLED" | "FAILED") => {
    if (finished) return;
    finished = true;
    await getPrisma().exportRecord.update({
      where: { id: record.id },
      data: { status, rows, bytes: BigInt(bytes), finishedAt: new Date() },
    });
    log.info({ action: "EXPORT_FINISHED", exportId: record.id, ...meta, status, rows, bytes }, "Exportação");
  };
  async function* countRows<Page extends { readonly length: number }>(pages: AsyncIterable<Page>): AsyncIterable<Page> {
    for await (const page of pages) {
      rows += page.length;
      yield page;
    }
  }
  const source = build(countRows).getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await source.read();
          // A read pending when the client went away resolves as done: that export was cancelled.
          if (cancelled) return;
          if (done) {
            await finish("DONE");
            return controller.close();
          }
          bytes += value.byteLength;
          controller.enqueue(value);
        } catch (error) {
          await finish("FAILED");
          controller.error(error);
        }
      },
      async cancel(reason) {
        cancelled = true;
        await source.cancel(reason);
        await finish("CANCELLED");
      },
    },
    { highWaterMark: 0 },
  );
}

export type ExportStatistics = {
  total: number;
  today: number;
  by_format: Record<string, number>;
  average_bytes: number;
  total_rows: number;
  last_export_at: string | null;
};

/** Seed 004's GET /export/statistics: exports made, today's, by format, their average size (finished ones). */
export async function exportStatistics(now = new Date()): Promise<ExportStatistics> {
  const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [byFormat, today, done, last] = await Promise.all([
    getPrisma().exportRecord.groupBy({ by: ["format"], _count: { _all: true } }),
    getPrisma().exportRecord.count({ where: { createdAt: { gte: startOfDay } } }),
    getPrisma().exportRecord.aggregate({ where: { status: "DONE" }, _avg: { bytes: true }, _sum: { rows: true } }),
    getPrisma().exportRecord.findFirst({ orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  return {
    total: byFormat.reduce((sum, row) => sum + row._count._all, 0),
    today,
    by_format: Object.fromEntries(byFormat.map((row) => [row.format, row._count._all])),
    average_bytes: Math.round(Number(done._avg.bytes ?? 0)),
    total_rows: done._sum.rows ?? 0,
    last_export_at: last?.createdAt.toISOString() ?? null,
  };
}

/** A report's source written in the format asked for (a 400 names the supported ones), recorded as `kind`. */
export async function recordedSourceExport<Row>(
  meta: { kind: string; userId: string | null },
  rawFormat: string,
  source: ExportSource<Row>,
): Promise<{ format: ExportFormat; stream: ReadableStream<Uint8Array> }> {
  const format = parseExportFormat(rawFormat);
  const stream = await recordedExport({ ...meta, format }, (count) =>
    exportStream({ format, ...source, pages: count(source.pages) }),
  );
  return { format, stream };
}

import "server-only";
import type { ExportEstimate } from "./estimated-size";
import { exportStream, onePage, type ExportSource } from "./export-stream";
import { EXPORT_FORMATS } from "./formats";

/** Rows written per format to estimate an export's size. */
export const ESTIMATE_SAMPLE_ROWS = 100;

async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

/**
 * The estimate of an export (estimated-size.ts): its first ESTIMATE_SAMPLE_ROWS rows (one more is
 * read to know whether there are more; the pages are closed then) written by the same writers in
 * every format, and the same file with no row. Keyset pages ask for the next page ahead: a source
 * given here should be limited to ESTIMATE_SAMPLE_ROWS + 1 rows, so no query is left running.
 */
export async function estimateExport<Row>(source: ExportSource<Row>): Promise<ExportEstimate> {
  const sample: Row[] = [];
  const iterator = source.pages[Symbol.asyncIterator]();
  try {
    while (sample.length <= ESTIMATE_SAMPLE_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      sample.push(...next.value);
    }
  } finally {
    await iterator.return?.();
  }
  const complete = sample.length <= ESTIMATE_SAMPLE_ROWS;
  const rows = sample.slice(0, ESTIMATE_SAMPLE_ROWS);
  const bytesOf = async (page: readonly Row[]) =>
    Object.fromEntries(
      await Promise.all(
        EXPORT_FORMATS.map(
          async (format) =>
            [
              format,
              await streamBytes(
                exportStream({
                  format,
                  columns: source.columns,
                  csvSeparator: source.csvSeparator,
                  pages: onePage(page),
                }),
              ),
            ] as const,
        ),
      ),
    ) as ExportEstimate["sample_bytes"];
  const [empty, written] = await Promise.all([bytesOf([]), bytesOf(rows)]);
  return { sample_rows: rows.length, complete, empty_bytes: empty, sample_bytes: written };
}

import { inflateRawSync } from "node:zlib";
import { Inflate } from "fflate";
import { CarteiraParseError, formatBytes } from "./errors";
import type { CarteiraLimits } from "./types";
import { readZipDirectory } from "./zip-inspect";

export interface InflatedZipFile {
  name: string;
  data: Uint8Array;
}

/**
 * An entry inflated only when read, a chunk at a time, under the same limits (the bytes it produces
 * count against the zip's total as they come): the XLSX reader's sheets, so a sheet's XML never
 * exists whole (~130 MB for 200,000 rows).
 */
export interface StreamedZipFile {
  name: string;
  read(onChunk: (chunk: Uint8Array) => void): void;
}

/** Compressed bytes handed to the streaming inflater at a time. */
const STREAM_STEP = 1 << 16;

const LOCAL_SIG = 0x04034b50;

function corrupt(detail: string): CarteiraParseError {
  return new CarteiraParseError("NOT_A_SPREADSHEET", "O arquivo Excel está corrompido ou incompleto.", { detail });
}

function tooLarge(limit: number): CarteiraParseError {
  return new CarteiraParseError(
    "SPREADSHEET_TOO_LARGE",
    `A planilha descompactada passa de ${formatBytes(limit)}, o limite. Divida a carteira em arquivos menores.`,
    { limit },
  );
}

function bomb(entry: string): CarteiraParseError {
  return new CarteiraParseError(
    "ZIP_BOMB",
    "O arquivo tem uma taxa de compressão suspeita (possível bomba de compressão) e foi recusado.",
    { entry },
  );
}

/**
 * Inflates every entry of a zip (XLSX/ODS) with the limits enforced *while* inflating, trusting
 * neither declared size (local header nor central directory: both can lie, e.g. a 1 GB sheet that
 * declares 0 bytes). zlib's `maxOutputLength` makes the inflater itself stop once an entry's output
 * passes what it may still produce — the smaller of the bytes left in the total budget and
 * `maxCompressionRatio` × the compressed bytes the entry can span — so a bomb costs at most that much
 * memory and time. The deflate stream ends itself; the bytes after it are never read.
 *
 * The result is what SheetJS parses (it never sees the raw zip: its own reader trusts the local
 * header and inflates without bound).
 */
export function inflateZip(bytes: Uint8Array, limits: CarteiraLimits): InflatedZipFile[] {
  return openZip(bytes, limits, () => false).files;
}

/**
 * `inflateZip`, except that the entries `isStreamed` names are left compressed and come back as
 * StreamedZipFiles: inflated (fflate, synchronously) only as they are read, with the same bomb and
 * size checks applied to what has come out so far.
 */
export function openZip(
  bytes: Uint8Array,
  limits: CarteiraLimits,
  isStreamed: (name: string) => boolean,
): { files: InflatedZipFile[]; streamed: StreamedZipFile[] } {
  const entries = readZipDirectory(bytes);
  if (entries.length > limits.maxZipEntries) {
    throw new CarteiraParseError("ZIP_BOMB", "O arquivo compactado tem entradas demais para uma planilha.", {
      entries: entries.length,
    });
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // An entry's compressed bytes cannot reach past the next entry's local header (nor the end of the file).
  const starts = [...new Set(entries.map((e) => e.localHeaderOffset))].sort((a, b) => a - b);
  const nextStart = new Map(starts.map((s, i) => [s, starts[i + 1] ?? bytes.length]));
  const files: InflatedZipFile[] = [];
  const streamed: StreamedZipFile[] = [];
  let total = 0;
  /**
   * What an entry spanning dataStart..end may inflate to, with `left` bytes of the budget left: the
   * smaller of `left` and the ratio's allowance, and the error for passing it.
   */
  const outputCap = (name: string, dataStart: number, end: number, left: number) => {
    const ratioCap = Math.max(limits.ratioCheckMinBytes, limits.maxCompressionRatio * (end - dataStart));
    return {
      cap: Math.max(1, Math.min(left, ratioCap)),
      passed: () => (ratioCap < left ? bomb(name) : tooLarge(limits.maxUncompressedBytes)),
    };
  };
  /** A whole entry inflated from `consumed` compressed bytes with a suspicious ratio. */
  const isBombRatio = (produced: number, consumed: number) =>
    produced >= limits.ratioCheckMinBytes && produced / Math.max(1, consumed) > limits.maxCompressionRatio;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    if (entry.flags & 0x41)
      throw new CarteiraParseError(
        "NOT_A_SPREADSHEET",
        "A planilha está protegida por senha; salve-a sem senha e envie de novo.",
      );
    const lh = entry.localHeaderOffset;
    if (lh + 30 > bytes.length || dv.getUint32(lh, true) !== LOCAL_SIG)
      throw corrupt(`bad local header for ${entry.name}`);
    const dataStart = lh + 30 + dv.getUint16(lh + 26, true) + dv.getUint16(lh + 28, true);
    const end = nextStart.get(lh)!;
    if (dataStart > end) throw corrupt(`local header of ${entry.name} out of bounds`);
    if (entry.method === 8 && isStreamed(entry.name)) {
      // Inflated once here with nothing kept, so its size and ratio are judged (and counted in the total)
      // before any of it is parsed, as for every other entry; read later, a chunk at a time.
      const size = inflateStreamed(entry.name, dataStart, end, () => undefined);
      total += size;
      streamed.push({
        name: entry.name,
        read: (onChunk) => void inflateStreamed(entry.name, dataStart, end, onChunk, size),
      });
      continue;
    }
    const left = limits.maxUncompressedBytes - total;
    let data: Uint8Array;
    if (entry.method === 0) {
      if (dataStart + entry.compressedSize > end) throw corrupt(`stored entry ${entry.name} out of bounds`);
      if (entry.compressedSize > left) throw tooLarge(limits.maxUncompressedBytes);
      data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    } else if (entry.method === 8) {
      const { cap, passed } = outputCap(entry.name, dataStart, end, left);
      let consumed: number;
      try {
        const out = inflateRawSync(bytes.subarray(dataStart, end), { maxOutputLength: cap, info: true }) as unknown as {
          buffer: Buffer;
          engine: { bytesWritten: number };
        };
        data = out.buffer;
        consumed = out.engine.bytesWritten;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw passed();
        throw corrupt(`inflate ${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (isBombRatio(data.length, consumed)) throw bomb(entry.name);
    } else {
      throw corrupt(`unsupported compression method ${entry.method} in ${entry.name}`);
    }
    total += data.length;
    files.push({ name: entry.name, data });
  }

  /** Inflates an entry a chunk at a time under the limits (or, read again, under the size it was counted at); returns its size. */
  function inflateStreamed(
    name: string,
    dataStart: number,
    end: number,
    onChunk: (chunk: Uint8Array) => void,
    countedSize?: number,
  ): number {
    const { cap, passed } = outputCap(name, dataStart, end, countedSize ?? limits.maxUncompressedBytes - total);
    let produced = 0;
    let consumed = 0;
    let isDone = false;
    const inflater = new Inflate((chunk, final) => {
      produced += chunk.length;
      // As inflateZip: the output may not pass the cap; the ratio is judged on the whole entry.
      if (produced > cap) throw passed();
      if (final) {
        if (isBombRatio(produced, consumed)) throw bomb(name);
        isDone = true;
      }
      onChunk(chunk);
    });
    try {
      // The deflate stream ends itself; the bytes after it (the next entry's header) are never handed over.
      for (let at = dataStart; at < end && !isDone; at += STREAM_STEP) {
        const piece = bytes.subarray(at, Math.min(at + STREAM_STEP, end));
        consumed += piece.length;
        inflater.push(piece, at + STREAM_STEP >= end);
      }
    } catch (error) {
      if (error instanceof CarteiraParseError || !(error instanceof Error && "code" in error)) throw error;
      throw corrupt(`inflate ${name}: ${error.message}`);
    }
    if (!isDone) throw corrupt(`inflate ${name}: the deflate stream does not end`);
    return produced;
  }

  return { files, streamed };
}

import { inflateRawSync } from "node:zlib";
import { CarteiraParseError, formatBytes } from "./errors";
import type { CarteiraLimits } from "./types";
import { readZipDirectory } from "./zip-inspect";

export interface InflatedZipFile {
  name: string;
  data: Uint8Array;
}

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
  let total = 0;
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
    const left = limits.maxUncompressedBytes - total;
    let data: Uint8Array;
    if (entry.method === 0) {
      if (dataStart + entry.compressedSize > end) throw corrupt(`stored entry ${entry.name} out of bounds`);
      if (entry.compressedSize > left) throw tooLarge(limits.maxUncompressedBytes);
      data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    } else if (entry.method === 8) {
      const ratioCap = Math.max(limits.ratioCheckMinBytes, limits.maxCompressionRatio * (end - dataStart));
      const cap = Math.max(1, Math.min(left, ratioCap));
      let consumed: number;
      try {
        const out = inflateRawSync(bytes.subarray(dataStart, end), { maxOutputLength: cap, info: true }) as unknown as {
          buffer: Buffer;
          engine: { bytesWritten: number };
        };
        data = out.buffer;
        consumed = out.engine.bytesWritten;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
          throw ratioCap < left ? bomb(entry.name) : tooLarge(limits.maxUncompressedBytes);
        throw corrupt(`inflate ${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (data.length >= limits.ratioCheckMinBytes && data.length / Math.max(1, consumed) > limits.maxCompressionRatio)
        throw bomb(entry.name);
    } else {
      throw corrupt(`unsupported compression method ${entry.method} in ${entry.name}`);
    }
    total += data.length;
    files.push({ name: entry.name, data });
  }
  return files;
}

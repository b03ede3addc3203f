import { CarteiraParseError, formatBytes } from "./errors";
import type { CarteiraLimits } from "./types";

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function corrupt(detail: string): CarteiraParseError {
  return new CarteiraParseError("NOT_A_SPREADSHEET", "O arquivo Excel está corrompido ou incompleto.", { detail });
}

/** Reads the central directory (EOCD → [ZIP64 EOCD] → entries). Throws NOT_A_SPREADSHEET when malformed. */
export function readZipDirectory(bytes: Uint8Array): ZipEntryInfo[] {
  const dv = view(bytes);
  const len = bytes.length;
  if (len < 22) throw corrupt("too short for EOCD");
  // EOCD is in the last 22 + 65535 (max comment) bytes.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("EOCD not found");
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20) {
    const loc = eocd - 20;
    if (dv.getUint32(loc, true) === ZIP64_LOCATOR_SIG) {
      const z64 = Number(dv.getBigUint64(loc + 8, true));
      if (z64 + 56 > len || dv.getUint32(z64, true) !== ZIP64_EOCD_SIG) throw corrupt("bad ZIP64 EOCD");
      count = Number(dv.getBigUint64(z64 + 32, true));
      cdSize = Number(dv.getBigUint64(z64 + 40, true));
      cdOffset = Number(dv.getBigUint64(z64 + 48, true));
    }
  }
  if (cdOffset + cdSize > len) throw corrupt("central directory out of bounds");
  // Each entry takes ≥ 46 bytes: a bogus huge count can't make us loop past the directory.
  if (count > cdSize / 46 + 1) throw corrupt("entry count larger than directory");

  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || dv.getUint32(p, true) !== CD_SIG) throw corrupt(`bad central directory entry ${i}`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > len) throw corrupt("entry name out of bounds");
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extended information: only the fields saturated in the fixed header are present, in order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const end = q + size;
        if (uncompressedSize === 0xffffffff && q + 8 <= end) {
          uncompressedSize = Number(dv.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= end) {
          compressedSize = Number(dv.getBigUint64(q, true));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= end) localHeaderOffset = Number(dv.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Cheap first look before anything is inflated: refuses a zip whose *declared* sizes already say
 * bomb (too many entries, a huge declared total, an absurd declared ratio, local header and central
 * directory disagreeing). Declared sizes can lie, so this is only an early exit: `inflateZip`
 * enforces the real limits while inflating.
 */
export function checkZipLimits(bytes: Uint8Array, limits: CarteiraLimits): void {
  const entries = readZipDirectory(bytes);
  if (entries.length > limits.maxZipEntries) {
    throw new CarteiraParseError("ZIP_BOMB", "O arquivo compactado tem entradas demais para uma planilha.", {
      entries: entries.length,
    });
  }
  const dv = view(bytes);
  let total = 0;
  for (const entry of entries) {
    const lh = entry.localHeaderOffset;
    if (lh + 30 > bytes.length || dv.getUint32(lh, true) !== LOCAL_SIG)
      throw corrupt(`bad local header for ${entry.name}`);
    const localCsz = dv.getUint32(lh + 18, true);
    const localUsz = dv.getUint32(lh + 22, true);
    const zip64 = localUsz === 0xffffffff || localCsz === 0xffffffff;
    // 0 in the local header is legal (streaming writers put the sizes in a data descriptor).
    if (!zip64 && localUsz !== 0 && localUsz !== entry.uncompressedSize) {
      throw new CarteiraParseError("ZIP_BOMB", "O arquivo compactado declara tamanhos inconsistentes.", {
        entry: entry.name,
        central: entry.uncompressedSize,
        local: localUsz,
      });
    }
    if (entry.method === 8 && entry.uncompressedSize > 0 && entry.compressedSize === 0) {
      throw new CarteiraParseError("ZIP_BOMB", "O arquivo compactado declara tamanhos inconsistentes.", {
        entry: entry.name,
      });
    }
    total += entry.uncompressedSize;
    if (
      entry.uncompressedSize >= limits.ratioCheckMinBytes &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio
    ) {
      throw new CarteiraParseError(
        "ZIP_BOMB",
        "O arquivo tem uma taxa de compressão suspeita (possível bomba de compressão) e foi recusado.",
        { entry: entry.name, compressed: entry.compressedSize, uncompressed: entry.uncompressedSize },
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new CarteiraParseError(
      "SPREADSHEET_TOO_LARGE",
      `A planilha descompactada teria ${formatBytes(total)}; o limite é ${formatBytes(limits.maxUncompressedBytes)}.`,
      { uncompressed: total, limit: limits.maxUncompressedBytes },
    );
  }
}

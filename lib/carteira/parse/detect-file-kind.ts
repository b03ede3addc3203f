import { CarteiraParseError, formatBytes } from "./errors";
import { decodeText } from "./decode-text";
import type { FileKind, SpreadsheetKind } from "./types";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE_CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Common binaries people upload by mistake; rejected without trying to read them as text. */
const BINARY_MAGICS: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x52, 0x49, 0x46, 0x46], // RIFF (webp, wav, avi)
  [0x49, 0x49, 0x2a, 0x00], // TIFF LE
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF BE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // EXE
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** Latin-1 view of a byte range, for looking for ASCII names inside a zip. */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function zipKind(bytes: Uint8Array): FileKind {
  // Entry names are stored in plain text in local headers and the central directory.
  // Search the tail (central directory) first, then the head; cheap and good enough to route.
  const tail = ascii(bytes, Math.max(0, bytes.length - 256 * 1024), bytes.length);
  const head = ascii(bytes, 0, Math.min(bytes.length, 64 * 1024));
  const has = (needle: string) => tail.includes(needle) || head.includes(needle);
  if (has("xl/workbook.xml") || has("xl/workbook.bin")) return "xlsx";
  if (has("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
  return "unknown";
}

/** True when the text has (almost) no control characters other than tab/CR/LF/FF. */
function looksLikeText(text: string): boolean {
  const n = Math.min(text.length, 64 * 1024);
  if (n === 0) return true;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad / n < 0.01;
}

/** Kind of an upload from its bytes (the name is only a tiebreaker for text). Never throws. */
export function detectFileKind(bytes: Uint8Array, filename = ""): FileKind {
  if (bytes.length === 0) return "empty";
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return zipKind(bytes);
  if (startsWith(bytes, OLE_CFB)) return "xls";
  if (BINARY_MAGICS.some((m) => startsWith(bytes, m))) return "unknown";
  const { text } = decodeText(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  if (!looksLikeText(text)) return "unknown";
  if (text.trim() === "") return "empty";
  // ERPs often save an HTML table or SpreadsheetML 2003 as ".xls"; SheetJS reads both.
  const start = text.trimStart().slice(0, 2048).toLowerCase();
  if (start.startsWith("<")) {
    if (
      start.includes("<table") ||
      start.includes("<html") ||
      start.includes("urn:schemas-microsoft-com:office:spreadsheet")
    ) {
      return "html";
    }
  }
  void filename; // text is CSV regardless of extension (.csv, .txt, .tsv)
  return "csv";
}

/** Like detectFileKind, but throws the whole-file error codes the import screen shows. */
export function requireSpreadsheetKind(bytes: Uint8Array, filename: string, maxFileBytes: number): SpreadsheetKind {
  if (bytes.length > maxFileBytes) {
    throw new CarteiraParseError(
      "SPREADSHEET_TOO_LARGE",
      `O arquivo tem ${formatBytes(bytes.length)}; o limite é ${formatBytes(maxFileBytes)}.`,
      { size: bytes.length, limit: maxFileBytes },
    );
  }
  const kind = detectFileKind(bytes, filename);
  if (kind === "empty") throw new CarteiraParseError("EMPTY_FILE", "O arquivo está vazio.");
  if (kind === "unknown") {
    throw new CarteiraParseError(
      "NOT_A_SPREADSHEET",
      `"${filename}" não parece ser uma planilha. Envie um arquivo CSV ou Excel (.xlsx, .xls).`,
    );
  }
  return kind;
}

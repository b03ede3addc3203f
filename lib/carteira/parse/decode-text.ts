import iconv from "iconv-lite";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Bytes → string. BOMs win (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, and when that fails
 * Windows-1252 — what Excel "CSV (separado por vírgulas)" and most BR ERPs write.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8OrLatin(bytes.subarray(3)).text, encoding: "utf-8", bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le", bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be", bom: true };
  }
  // BOM-less UTF-16 ("Texto Unicode" without BOM): ASCII text shows a NUL in every other byte.
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: false };
  const r = decodeUtf8OrLatin(bytes);
  return { ...r, bom: false };
}

function decodeUtf8OrLatin(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: utf8Strict.decode(bytes), encoding: "utf-8" };
  } catch {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { text: iconv.decode(buf, "win1252"), encoding: "windows-1252" };
  }
}

function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

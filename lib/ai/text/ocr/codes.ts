import type { PhotoCode } from "../read-photo-text";
import type { OcrRawCode } from "./types";

/** The symbologies read on a photo (zxing-wasm 3 names): retail codes of a tag, Code 128 labels and QR codes. */
export const ZXING_READ_FORMATS = ["EAN13", "EAN8", "UPCA", "UPCE", "Code128", "QRCode"] as const;

/** zxing-wasm 3 says "EAN13"; Vitrine keeps the names zxing-wasm 2 gave (and GS1 writes): "EAN-13". */
const FORMAT_NAMES: Record<string, string> = { EAN13: "EAN-13", EAN8: "EAN-8", UPCA: "UPC-A", UPCE: "UPC-E" };

export function codeFormatName(zxingFormat: string): string {
  return FORMAT_NAMES[zxingFormat] ?? zxingFormat;
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * The codes worth keeping: a symbol zxing could not validate (a damaged barcode, a failed checksum)
 * is dropped, not an error; text is trimmed of control characters (GS separators of GS1 data) and
 * the same code seen twice is kept once.
 */
export function normalizeCodes(raw: readonly OcrRawCode[]): PhotoCode[] {
  const seen = new Set<string>();
  const codes: PhotoCode[] = [];
  for (const code of raw) {
    if (!code.isValid) continue;
    const text = code.text.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
    if (!text) continue;
    const format = codeFormatName(code.format);
    const key = `${format}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    codes.push({ format, text });
  }
  return codes;
}

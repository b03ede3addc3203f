import { OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { getEnv } from "@/lib/config/env";
import { DEFAULT_MAX_PIXELS } from "@/lib/images/analyze-image";
import { openOriginal } from "@/lib/images/process-image";
import { normalizeCodes } from "./ocr/codes";
import { readTextInChild, type OcrBudget } from "./ocr/ocr-in-child";
import type { OcrChildResult } from "./ocr/types";
import { textAndWords } from "./ocr/words";

export { OriginalMissingError } from "@/lib/ai/provider/image-for-model";
export { PhotoTextError, type PhotoTextErrorCode } from "./ocr/ocr-in-child";

export type PhotoCode = {
  /** "EAN-13", "EAN-8", "UPC-A", "UPC-E", "Code128", "QRCode" (zxing-wasm's names, EAN/UPC with a hyphen). */
  format: string;
  text: string;
};
export type PhotoWord = { text: string; /** 0–1 */ confidence: number };
export type PhotoText = {
  /** The whole text read, lines joined with "\n" ("" when none). */
  text: string;
  /** Words with their confidence (noise below the floor of ocr/words.ts left out). */
  words: PhotoWord[];
  /** Barcodes/QR decoded (a damaged one is left out, not an error). */
  codes: PhotoCode[];
  /** e.g. "tesseract.js 7 (por+eng) + zxing-wasm 3" */
  engine: string;
  durationMs: number;
};

/** The OCR budget from the environment (OCR_* in lib/config/env.ts). */
export function ocrBudgetFromEnv(): OcrBudget {
  const env = getEnv();
  return {
    langs: env.OCR_LANGS,
    longSide: env.OCR_LONG_SIDE,
    maxPixels: DEFAULT_MAX_PIXELS,
    timeoutMs: env.OCR_TIMEOUT_SECONDS * 1000,
    maxMemoryMb: env.OCR_MAX_MEMORY_MB,
  };
}

export function ocrEngineName(langs: string): string {
  return `tesseract.js 7 (${langs}) + zxing-wasm 3`;
}

/**
 * The barcodes of a stored photo, decoded locally by zxing-wasm in the OCR child (no tesseract): the
 * codes beside the vision model's reading of the text (setting photoTextReader "model").
 */
export async function readPhotoCodes(storageKey: string, budget: OcrBudget = ocrBudgetFromEnv()): Promise<PhotoCode[]> {
  const input = await openOriginal(storageKey);
  if (input === null) throw new OriginalMissingError(storageKey);
  const { codes } = await readTextInChild(input, budget, { readText: false });
  return normalizeCodes(codes);
}

/** What the OCR child measured for one photo (the bench prints these). */
export type PhotoTextMeasures = Omit<OcrChildResult, "lines" | "codes">;

/**
 * Reads the text and barcodes of a stored photo, locally and offline: tesseract.js 7 with the
 * Portuguese and English data of @tesseract.js-data, and zxing-wasm 3. The original is read from
 * storage and downscaled inside the OCR child (never the 24 MP original into OCR), which runs off
 * the web server's main thread at nice 19, within a time and memory budget (ocr/ocr-in-child.ts:
 * PhotoTextError OCR_TIMEOUT / OCR_MEMORY / OCR_FAILED). Throws OriginalMissingError when the
 * original is gone from storage.
 */
export async function readPhotoText(storageKey: string, budget: OcrBudget = ocrBudgetFromEnv()): Promise<PhotoText> {
  return (await readPhotoTextMeasured(storageKey, budget)).photoText;
}

/** readPhotoText, with what the child measured (CPU, memory, the size OCR read). */
export async function readPhotoTextMeasured(
  storageKey: string,
  budget: OcrBudget = ocrBudgetFromEnv(),
): Promise<{ photoText: PhotoText; measures: PhotoTextMeasures }> {
  const started = performance.now();
  const input = await openOriginal(storageKey);
  if (input === null) throw new OriginalMissingError(storageKey);
  const { lines, codes, ...measures } = await readTextInChild(input, budget);
  const { text, words } = textAndWords(lines);
  const photoText: PhotoText = {
    text,
    words,
    codes: normalizeCodes(codes),
    engine: ocrEngineName(budget.langs),
    durationMs: Math.round(performance.now() - started),
  };
  return { photoText, measures };
}

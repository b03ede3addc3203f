/** What the OCR child is started with (its argv[2], as JSON). */
export type OcrChildConfig = {
  /** Tesseract languages joined with "+", e.g. "por+eng"; each needs its @tesseract.js-data/<code> package. */
  langs: string;
  /** The child ends itself (exit code OCR_MEMORY_EXIT_CODE) when its resident memory passes this. */
  maxRssBytes: number;
};

/** The child exits with this code when it passed its memory bound. */
export const OCR_MEMORY_EXIT_CODE = 75;

/** One photo for the OCR child: a local path (libvips reads it by itself) or the original's bytes. */
export type OcrRequest = {
  id: number;
  input: string | Uint8Array;
  longSide: number;
  maxPixels: number;
  /** False: barcodes only (the vision model reads the text: setting photoTextReader "model"). */
  readText: boolean;
};

export type OcrRawWord = { text: string; /** Tesseract's confidence, 0–100. */ confidence: number };
export type OcrRawLine = { text: string; words: OcrRawWord[] };
/** A barcode as zxing-wasm 3 reports it (`format` like "EAN13", "Code128", "QRCode"). */
export type OcrRawCode = { format: string; text: string; isValid: boolean };

export type OcrChildResult = {
  lines: OcrRawLine[];
  codes: OcrRawCode[];
  /** The size of the image given to tesseract and zxing (the downscaled copy, never the original). */
  ocrInput: { width: number; height: number };
  /** CPU time of the child (all its threads) for this photo. */
  cpuMs: number;
  /** The child's resident memory after this photo, and the most it reached so far. */
  rssBytes: number;
  peakRssBytes: number;
  /** Wall time of each stage inside the child. */
  prepareMs: number;
  ocrMs: number;
  codesMs: number;
};

export type OcrReply = { id: number; result: OcrChildResult } | { id: number; error: string };

/** The child's first message: where it read the language data from. */
export type OcrReady = { ready: true; langPath: string; languages: string[]; dataFiles: string[] };

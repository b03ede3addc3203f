// The tesseract.js worker as Vitrine runs it: language data from node_modules, no cache, no network.
// Used by the OCR child (child-task.ts) and, for its raw baseline, by `npm run bench:ocr`.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createWorker, OEM, PSM, type Worker } from "tesseract.js";

const requireHere = createRequire(__filename);

/** Tesseract's LSTM models, integer "best" (smaller and lighter in memory than the legacy+LSTM set). */
const DATA_VARIANT = "4.0.0_best_int";

export type LanguageData = { langPath: string; languages: string[]; dataFiles: string[] };

/**
 * The language data comes from the @tesseract.js-data/<code> npm packages, read from node_modules:
 * tesseract.js takes one `langPath` for all languages, so each package's file is linked into one
 * private folder (removed when the process exits). With a local `langPath` tesseract.js never
 * builds a download URL, and `cacheMethod: "none"` reads and writes no cache.
 */
export function languageData(langs: string): LanguageData {
  const languages = langs.split("+").filter(Boolean);
  const dataFiles = languages.map((code) => {
    let packageDir: string;
    try {
      packageDir = path.dirname(requireHere.resolve(`@tesseract.js-data/${code}/package.json`));
    } catch {
      throw new Error(`Dados do idioma "${code}" para OCR não instalados (pacote @tesseract.js-data/${code}).`);
    }
    return path.join(packageDir, DATA_VARIANT, `${code}.traineddata.gz`);
  });
  const langPath = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-ocr-"));
  process.once("exit", () => fs.rmSync(langPath, { recursive: true, force: true }));
  languages.forEach((code, i) => fs.symlinkSync(dataFiles[i]!, path.join(langPath, `${code}.traineddata.gz`)));
  return { langPath, languages, dataFiles };
}

/** A tesseract.js worker (LSTM engine) for `langs`, set up to read the few lines of a tag anywhere on a photo. */
export async function createTesseract(langs: string): Promise<{ worker: Worker; data: LanguageData }> {
  const data = languageData(langs);
  const worker = await createWorker(data.languages.join("+"), OEM.LSTM_ONLY, {
    langPath: data.langPath,
    cachePath: data.langPath,
    cacheMethod: "none",
    gzip: true,
  });
  // Sparse text: a tag is a few lines somewhere on a photo, not a page; automatic page layout drops
  // them next to a barcode or on a busy background (measured: SPARSE_TEXT read every test tag that
  // AUTO missed). Tesseract's progress notes ("Detected 8 diacritics") go nowhere.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, debug_file: "/dev/null" });
  return { worker, data };
}

/** Tesseract's lines and words (0–100 confidences) of an image (PNG/JPEG bytes). */
export async function recognizeLines(
  worker: Worker,
  image: Buffer,
): Promise<{ text: string; words: { text: string; confidence: number }[] }[]> {
  const recognized = await worker.recognize(image, {}, { text: false, blocks: true });
  const lines: { text: string; words: { text: string; confidence: number }[] }[] = [];
  for (const block of recognized.data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        lines.push({ text: line.text, words: line.words.map((w) => ({ text: w.text, confidence: w.confidence })) });
      }
    }
  }
  return lines;
}

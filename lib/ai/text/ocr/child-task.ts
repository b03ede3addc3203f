// Runs in the OCR child process: downscale, read text (tesseract.js) and barcodes (zxing-wasm), nothing else.
import fs from "node:fs";
import sharp from "sharp";
import type { Worker } from "tesseract.js";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { hardenSharp } from "../../../images/analyze-image";
import { blankCodes } from "./blank-codes";
import { ZXING_READ_FORMATS } from "./codes";
import { createTesseract, recognizeLines } from "./tesseract-setup";
import {
  OCR_MEMORY_EXIT_CODE,
  type OcrChildConfig,
  type OcrChildResult,
  type OcrReady,
  type OcrReply,
  type OcrRequest,
} from "./types";

hardenSharp();

const config = JSON.parse(process.argv[2] ?? "{}") as OcrChildConfig;

/** zxing-wasm's reader, compiled from the .wasm in its own package folder (never fetched). */
function prepareBarcodeReader(): void {
  const wasm = fs.readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
  void prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
}

let peakRss = 0;
function sampleRss(): number {
  const rss = process.memoryUsage.rss();
  peakRss = Math.max(peakRss, rss);
  return rss;
}

/** The memory bound: WebAssembly memory is outside V8's heap limit, so the child watches its RSS. */
function watchMemory(): void {
  setInterval(() => {
    if (sampleRss() > config.maxRssBytes) process.exit(OCR_MEMORY_EXIT_CODE);
  }, 200).unref();
}

async function read(worker: Worker, request: OcrRequest): Promise<OcrChildResult> {
  if (sampleRss() > config.maxRssBytes) process.exit(OCR_MEMORY_EXIT_CODE);
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const input = typeof request.input === "string" ? request.input : Buffer.from(request.input);
  // Never the original into OCR: upright, fitted inside the long side, grey (not contrast-stretched:
  // normalising made tesseract miss a tag on a plain background, measured).
  const { data: grey, info } = await sharp(input, { limitInputPixels: request.maxPixels, sequentialRead: true })
    .rotate()
    .resize({ width: request.longSide, height: request.longSide, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const t1 = performance.now();
  // Barcodes first, on the grey pixels (as RGBA image data), then blanked out for OCR.
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
    rgba[j] = rgba[j + 1] = rgba[j + 2] = grey[i]!;
    rgba[j + 3] = 255;
  }
  const barcodes = await readBarcodes(
    { data: rgba, width, height, colorSpace: "srgb" },
    { formats: [...ZXING_READ_FORMATS], tryHarder: true, maxNumberOfSymbols: 8 },
  );
  const t2 = performance.now();
  const codes = barcodes.map((b) => ({ format: b.format, text: b.text, isValid: b.isValid }));
  if (!request.readText) {
    const cpu = process.cpuUsage(cpuBefore);
    return {
      lines: [],
      codes,
      ocrInput: { width, height },
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: sampleRss(),
      peakRssBytes: peakRss,
      prepareMs: t1 - t0,
      ocrMs: 0,
      codesMs: t2 - t1,
    };
  }
  blankCodes(
    grey,
    width,
    height,
    barcodes.map((b) => b.position),
  );
  const png = await sharp(grey, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const t3 = performance.now();
  const lines = await recognizeLines(worker, png);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    lines,
    codes,
    ocrInput: { width, height },
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBytes: sampleRss(),
    peakRssBytes: peakRss,
    prepareMs: t1 - t0 + (t3 - t2),
    ocrMs: t4 - t3,
    codesMs: t2 - t1,
  };
}

async function main(): Promise<void> {
  prepareBarcodeReader();
  const { worker, data } = await createTesseract(config.langs);
  watchMemory();
  // One photo at a time (the parent sends one at a time too): tesseract has one engine per worker.
  let queue = Promise.resolve();
  process.on("message", (request: OcrRequest) => {
    queue = queue.then(() =>
      read(worker, request).then(
        (result) => void process.send!({ id: request.id, result } satisfies OcrReply),
        (error: unknown) =>
          void process.send!({
            id: request.id,
            error: error instanceof Error ? error.message.split("\n")[0]! : String(error),
          } satisfies OcrReply),
      ),
    );
  });
  sampleRss();
  process.send!({ ready: true, ...data } satisfies OcrReady);
}

// The parent went away (killed, restarted): nothing is left to do here.
process.on("disconnect", () => process.exit(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

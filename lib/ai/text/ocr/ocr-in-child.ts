import path from "node:path";
import pLimit from "p-limit";
import { NiceChild } from "../../child-process/nice-child";
import {
  OCR_MEMORY_EXIT_CODE,
  type OcrChildConfig,
  type OcrChildResult,
  type OcrReady,
  type OcrReply,
  type OcrRequest,
} from "./types";

/**
 * OCR runs in a child process at nice 19, as the model's copy of a photo does
 * (lib/ai/provider/model-image): tesseract.js starts a worker thread from node_modules that breaks
 * under Next's bundling, and reading a photo is ~0.5 s of CPU that must never be taken from the web
 * server or ingestion. One child is kept and reused (starting one loads ~10 MB of language data,
 * ~1 s), one photo at a time. Its budget: a photo that takes longer than `timeoutMs` kills the child
 * (the next photo starts a new one) and fails with OCR_TIMEOUT; the child ends itself when its
 * resident memory passes `maxMemoryMb` (WebAssembly memory is outside V8's heap limit, which is also
 * set) and the photo fails with OCR_MEMORY.
 */
const ENTRY = path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "ai", "text", "ocr", "child-entry.cjs");

export type OcrBudget = {
  /** Tesseract languages, e.g. "por+eng". */
  langs: string;
  /** Long side (px) of the copy read by OCR and the barcode reader. */
  longSide: number;
  /** Largest original (pixels) decoded at all. */
  maxPixels: number;
  timeoutMs: number;
  maxMemoryMb: number;
};

export type PhotoTextErrorCode = "OCR_TIMEOUT" | "OCR_MEMORY" | "OCR_FAILED";

/** OCR of one photo failed within its budget (the photo may be retried; the child was restarted). */
export class PhotoTextError extends Error {
  constructor(
    readonly code: PhotoTextErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PhotoTextError";
  }
}

type OcrChild = NiceChild<OcrRequest, OcrReply, OcrReady>;
const children = new Map<string, { child: OcrChild; oneAtATime: ReturnType<typeof pLimit> }>();

function childFor(budget: OcrBudget) {
  const config: OcrChildConfig = { langs: budget.langs, maxRssBytes: budget.maxMemoryMb * 1024 * 1024 };
  const key = `vitrineOcrChild:${config.langs}:${config.maxRssBytes}`;
  let entry = children.get(key);
  if (!entry) {
    const child: OcrChild = new NiceChild<OcrRequest, OcrReply, OcrReady>({
      entry: ENTRY,
      args: [JSON.stringify(config)],
      // The JS heap holds little (images live in libvips and WebAssembly memory): a quarter of the bound.
      maxOldSpaceMb: Math.max(64, Math.floor(budget.maxMemoryMb / 4)),
      globalKey: key,
      parseReady: (message) => message as unknown as OcrReady,
      errors: {
        startFailed: () => new PhotoTextError("OCR_FAILED", "O processo de OCR terminou ao iniciar."),
        exited: ({ code }) =>
          code === OCR_MEMORY_EXIT_CODE
            ? new PhotoTextError("OCR_MEMORY", `O OCR passou do limite de memória (${budget.maxMemoryMb} MB).`)
            : new PhotoTextError("OCR_FAILED", "O processo de OCR terminou."),
        timedOut: () =>
          new PhotoTextError("OCR_TIMEOUT", `O OCR da foto demorou mais de ${Math.round(budget.timeoutMs / 1000)} s.`),
      },
    });
    entry = { child, oneAtATime: pLimit(1) };
    children.set(key, entry);
  }
  return entry;
}

/**
 * Text lines, barcodes and measures of `input` (a local path or the original's bytes), read by the
 * nice-19 child; `readText: false` reads the barcodes only (no lines).
 */
export async function readTextInChild(
  input: string | Buffer,
  budget: OcrBudget,
  { readText = true }: { readText?: boolean } = {},
): Promise<OcrChildResult> {
  const { child, oneAtATime } = childFor(budget);
  // One photo in flight: the timeout measures this photo, not the queue before it.
  const reply = await oneAtATime(() =>
    child.request({ input, longSide: budget.longSide, maxPixels: budget.maxPixels, readText }, budget.timeoutMs),
  );
  if ("error" in reply) throw new PhotoTextError("OCR_FAILED", `OCR da foto falhou: ${reply.error}`);
  return reply.result;
}

/** What the child for `budget` said at start (where its language data comes from); starts it if needed. */
export async function ocrChildReady(budget: OcrBudget): Promise<OcrReady> {
  return childFor(budget).child.ready();
}

/** The pid of the child for `budget` once it runs (tests and the bench read its nice value and memory). */
export function ocrChildPid(budget: OcrBudget): number | undefined {
  return childFor(budget).child.pid();
}

/** Ends the child for `budget` (tests, the bench); the next photo starts a new one. */
export async function stopOcrChild(budget: OcrBudget): Promise<void> {
  await childFor(budget).child.stop();
}

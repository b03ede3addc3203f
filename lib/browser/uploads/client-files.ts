/**
 * Client-side file checks for batch uploads: relative paths, deterministic upload ids and the
 * type/size validation done before a byte is sent. Pure functions (no React, no DOM access
 * beyond reading File-like properties) so they run in unit tests.
 */
import type { ErrorCode } from "@/lib/errors/error-codes";

/** The File properties the upload code reads; react-dropzone adds `path`, folder inputs `webkitRelativePath`. */
export type FileLike = {
  name: string;
  size: number;
  type?: string;
  lastModified?: number;
  path?: string;
  relativePath?: string;
  webkitRelativePath?: string;
};

export const IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "tif", "tiff", "heic", "heif", "avif"] as const;

const IMAGE_MIME_TYPES = new Set([
  "image/jpeg",
  "image/pjpeg",
  "image/png",
  "image/webp",
  "image/gif",
  "image/tiff",
  "image/heic",
  "image/heif",
  "image/heic-sequence",
  "image/heif-sequence",
  "image/avif",
]);

const EXTENSION_SET = new Set<string>(IMAGE_EXTENSIONS);

/** Value for an <input accept>: extensions and MIME types, so pickers show only images. */
export const IMAGE_ACCEPT = [...IMAGE_EXTENSIONS.map((ext) => `.${ext}`), ...IMAGE_MIME_TYPES].join(",");

/** Codes of the shared list (lib/errors/error-codes.ts), so the upload list renders them like the server's. */
export type ClientRejectCode = Extract<ErrorCode, "UNSUPPORTED_TYPE" | "TOO_LARGE" | "EMPTY_FILE">;

/** `VERAO25/VD24-0123/VD24-0123_FRENTE.jpg`: folder path as dropped, without a leading `./` or `/`. */
export function relativePathOf(file: FileLike): string {
  const raw =
    [file.path, file.relativePath, file.webkitRelativePath].find((p) => typeof p === "string" && p.length > 0) ??
    file.name;
  const normalized = raw.replace(/\\/g, "/").replace(/^(\.\/|\/)+/, "");
  return normalized.length > 0 ? normalized : file.name;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * Null when the file may be sent. The extension decides when present (browsers leave HEIC/TIFF
 * typeless on some systems); the server still checks the magic bytes.
 */
export function validateImageFile(file: FileLike, maxBytes: number): ClientRejectCode | null {
  const ext = extensionOf(file.name);
  const isImageType = EXTENSION_SET.has(ext) || (ext === "" && IMAGE_MIME_TYPES.has((file.type ?? "").toLowerCase()));
  if (!isImageType) return "UNSUPPORTED_TYPE";
  if (file.size <= 0) return "EMPTY_FILE";
  if (file.size > maxBytes) return "TOO_LARGE";
  return null;
}

/** Hidden files and OS litter that a dropped folder carries and nobody means to upload. */
export function isSystemFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.startsWith(".") || name === "Thumbs.db" || name === "desktop.ini" || path.includes("__MACOSX/");
}

// 64-bit FNV-1a over UTF-16 code units, kept in two 32-bit halves (no BigInt on the hot path).
function fnv1a64(input: string): string {
  let h0 = 0x2325,
    h1 = 0x8422,
    h2 = 0x9ce4,
    h3 = 0xcbf2; // offset basis 0xcbf29ce484222325, 16-bit limbs
  for (let i = 0; i < input.length; i++) {
    h0 ^= input.charCodeAt(i);
    // multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3 in 16-bit limbs
    const t0 = h0 * 0x1b3,
      t1 = h1 * 0x1b3,
      t2 = h2 * 0x1b3,
      t3 = h3 * 0x1b3;
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16) + (h0 << 8);
    const c3 = t3 + (c2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = c1 & 0xffff;
    h2 = c2 & 0xffff;
    h3 = c3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((h) => h.toString(16).padStart(4, "0")).join("");
}

/**
 * Deterministic client id of one file in one batch: the same folder dropped again after a reload
 * gets the same ids, so `uploads/check` can tell what the server already holds.
 */
export function uploadIdFor(batchId: string, file: FileLike): string {
  const key = `${batchId}\u0000${relativePathOf(file)}\u0000${file.size}\u0000${file.lastModified ?? 0}`;
  // Two differently salted hashes: 128 bits, collisions negligible even at millions of files.
  return `u${fnv1a64(key)}${fnv1a64(`vitrine:${key}`)}`;
}

export type PreparedUpload<F> = { uploadId: string; file: F; name: string; relativePath: string; size: number };
export type PreparedFiles<F> = {
  accepted: PreparedUpload<F>[];
  rejected: Array<PreparedUpload<F> & { error: { code: ClientRejectCode; message: string } }>;
  /** Hidden/system files silently left out (e.g. .DS_Store). */
  ignored: number;
};

/** Splits dropped files into what will be sent and what is refused before sending, with ids. */
export function prepareFiles<F extends FileLike>(
  batchId: string,
  files: Iterable<F>,
  maxBytes: number,
): PreparedFiles<F> {
  const result: PreparedFiles<F> = { accepted: [], rejected: [], ignored: 0 };
  const seen = new Set<string>();
  for (const file of files) addPrepared(result, seen, batchId, file, maxBytes);
  return result;
}

/** A task gives the browser back its main thread after this long (a long task is ≥ 50 ms; a frame 16 ms). */
export const SLICE_MS = 25;

export type SliceOptions = {
  sliceMs?: number;
  /** Files looked at so far, after each slice. */
  onProgress?: (done: number, total: number) => void;
  /** Resolves on the next turn of the event loop; injectable so tests need no timers. */
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
};

/** A macrotask turn (a MessageChannel message: not clamped to 4 ms like nested setTimeout). */
export function nextTurn(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * `prepareFiles` in slices of `sliceMs`, yielding between them. The first read of `size` and
 * `lastModified` of a file picked from disk is a synchronous look-up (~0.16 ms each: 3.2 s for
 * 20,000 files in one task froze the tab); in slices the page stays responsive and shows progress.
 */
export async function prepareFilesInSlices<F extends FileLike>(
  batchId: string,
  files: readonly F[],
  maxBytes: number,
  options: SliceOptions = {},
): Promise<PreparedFiles<F>> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const now = options.now ?? (() => performance.now());
  const yieldNow = options.yieldToEventLoop ?? nextTurn;
  const result: PreparedFiles<F> = { accepted: [], rejected: [], ignored: 0 };
  const seen = new Set<string>();
  let i = 0;
  while (i < files.length) {
    if (options.signal?.aborted) throw new DOMException("Aborted", "AbortError");
    const sliceEnd = now() + sliceMs;
    // At least one file per slice; the clock is read every 16 files.
    do {
      addPrepared(result, seen, batchId, files[i++]!, maxBytes);
    } while (i < files.length && ((i & 15) !== 0 || now() < sliceEnd));
    options.onProgress?.(i, files.length);
    if (i < files.length) await yieldNow();
  }
  return result;
}

function addPrepared<F extends FileLike>(
  result: PreparedFiles<F>,
  seen: Set<string>,
  batchId: string,
  file: F,
  maxBytes: number,
): void {
  const relativePath = relativePathOf(file);
  if (isSystemFile(relativePath)) {
    result.ignored++;
    return;
  }
  const uploadId = uploadIdFor(batchId, file);
  // The same file picked twice in one drop (files + its folder) is sent once.
  if (seen.has(uploadId)) return;
  seen.add(uploadId);
  const upload = { uploadId, file, name: file.name, relativePath, size: file.size };
  const code = validateImageFile(file, maxBytes);
  if (code) result.rejected.push({ ...upload, error: { code, message: code } });
  else result.accepted.push(upload);
}

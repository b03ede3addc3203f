/**
 * sha256 of a drop's files in a Web Worker (lib/browser/uploads/sha256-worker.ts), a few files at a
 * time so memory stays at `concurrency` files' bytes and the page's main thread only posts and
 * receives small messages. Used by the dry run to find files already in the bank by content.
 */
import type { HashReply } from "./sha256-worker";

export type HashFilesOptions = {
  /** Files read and hashed at once by the worker. */
  concurrency?: number;
  /** Stops after the file that brings the bytes read past this (the rest stays unhashed). */
  maxBytes?: number;
  signal?: AbortSignal;
  onHashed: (index: number, sha256: string) => void;
  /** Injectable for tests; the default starts the bundled worker. */
  createWorker?: () => Worker;
};

export const HASH_CONCURRENCY = 2;
/** A content check reads at most this much of a drop (20,000 studio photos of 10 MB would be 200 GB). */
export const HASH_MAX_BYTES = 2 * 1024 ** 3;

function bundledWorker(): Worker {
  return new Worker(new URL("./sha256-worker.ts", import.meta.url), { type: "module", name: "vitrine-sha256" });
}

/**
 * Hashes `files` in order, calling `onHashed(index, sha256)` as each one is done; resolves when all
 * are hashed (a file that cannot be read is skipped), the byte budget is spent or `signal` aborts
 * (the worker is then terminated, its reads abandoned). Returns how many files were hashed.
 */
export function hashFilesInWorker(files: readonly Blob[], options: HashFilesOptions): Promise<number> {
  const concurrency = Math.max(1, options.concurrency ?? HASH_CONCURRENCY);
  const maxBytes = options.maxBytes ?? HASH_MAX_BYTES;
  return new Promise<number>((resolve, reject) => {
    if (files.length === 0 || options.signal?.aborted) {
      resolve(0);
      return;
    }
    const worker = (options.createWorker ?? bundledWorker)();
    let next = 0;
    let inFlight = 0;
    let hashed = 0;
    let bytes = 0;
    const finish = (error?: unknown) => {
      worker.terminate();
      options.signal?.removeEventListener("abort", onAbort);
      if (error === undefined) resolve(hashed);
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = () => finish();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const feed = () => {
      while (inFlight < concurrency && next < files.length && bytes < maxBytes) {
        const file = files[next]!;
        bytes += file.size;
        worker.postMessage({ id: next++, file });
        inFlight++;
      }
      if (inFlight === 0) finish();
    };
    worker.onmessage = (event: MessageEvent<HashReply>) => {
      if (options.signal?.aborted) return;
      inFlight--;
      const reply = event.data;
      if ("sha256" in reply) {
        hashed++;
        options.onHashed(reply.id, reply.sha256);
      }
      feed();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(new Error(event.message || "sha256 worker failed"));
    };
    feed();
  });
}

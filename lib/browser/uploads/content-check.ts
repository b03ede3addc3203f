/**
 * The dry run's second pass: "already in the bank" by content. After the first answer (by name and
 * size), the files not yet known to the bank are hashed (sha256, in a Web Worker) and their names go
 * to the dry-run endpoint again with the hashes, a few hundred at a time as hashes come in; each
 * answer is handed to `onAnswer` so the summary can move those files to "in_bank". Free of React;
 * the hashing and the request are injected.
 */
import { DRY_RUN_MAX_NAMES, type DryRunName, type DryRunResult } from "@/lib/batches/dry-run/schemas";
import type { DryRunRequestFn } from "./dry-run-plan";

/** Hashed names sent together (fewer requests; the first answers still come within a second or two). */
export const CONTENT_CHECK_FLUSH = 500;

export type HashFn = (
  files: readonly Blob[],
  options: { signal?: AbortSignal; onHashed: (index: number, sha256: string) => void },
) => Promise<number>;

export type ContentCheckOptions = {
  /** The files to compare and, at the same positions, their names as the first dry run sent them. */
  files: readonly Blob[];
  names: readonly { name: string; size?: number }[];
  hash: HashFn;
  request: DryRunRequestFn;
  /** `positions[j]` is the index into `files` of `answer.results[j]`. */
  onAnswer: (positions: number[], answer: DryRunResult) => void;
  /** Files hashed so far. */
  onProgress?: (hashed: number) => void;
  signal?: AbortSignal;
  flushEvery?: number;
};

/** Resolves once every hash is sent and answered (or on abort); returns how many files were hashed. */
export async function runContentCheck(options: ContentCheckOptions): Promise<number> {
  const flushEvery = Math.min(options.flushEvery ?? CONTENT_CHECK_FLUSH, DRY_RUN_MAX_NAMES);
  let pending: number[] = [];
  const shas = new Map<number, string>();
  let sending: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let hashedCount = 0;

  const flush = () => {
    if (pending.length === 0) return;
    const positions = pending;
    pending = [];
    sending = sending.then(async () => {
      if (options.signal?.aborted || failure) return;
      const names: DryRunName[] = positions.map((p) => ({ ...options.names[p]!, sha256: shas.get(p)! }));
      try {
        const answer = await options.request(names, []);
        if (!options.signal?.aborted) options.onAnswer(positions, answer);
      } catch (error) {
        failure = error;
      }
    });
  };

  const hashed = await options.hash(options.files, {
    signal: options.signal,
    onHashed: (index, sha256) => {
      shas.set(index, sha256);
      pending.push(index);
      options.onProgress?.(++hashedCount);
      if (pending.length >= flushEvery) flush();
    },
  });
  flush();
  await sending;
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return hashed;
}

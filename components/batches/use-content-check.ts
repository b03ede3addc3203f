"use client";

import { useEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { runContentCheck } from "@/lib/browser/uploads/content-check";
import { applyContentAnswer, contentCheckIndexes, type DryRunSummary } from "@/lib/browser/uploads/dry-run-plan";
import { hashFilesInWorker } from "@/lib/browser/uploads/hash-files";
import { dryRunRequestFor } from "@/lib/queries/batch-dry-run";
import type { ContentCheckState } from "./dry-run-panel";

/** Re-render at most this often while files are hashed (answers show at once). */
const PAINT_INTERVAL_MS = 250;

type Upload = { file: File; relativePath: string; size: number };
type Check = { key: object; summary: DryRunSummary; state: ContentCheckState };

/**
 * The dry run's comparison by content for one batch card: after the first summary (names and
 * sizes), hashes the files not yet in the bank in a Web Worker and asks the dry run again with the
 * hashes, so files already in the bank under another name are reported too. `key` ties a check to
 * the drop it belongs to; `summaryFor(key, fallback)` is the latest summary of that drop.
 */
export function useContentCheck(batchId: string) {
  const errorText = useErrorText();
  const [check, setCheck] = useState<Check | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const stop = () => {
    abort.current?.abort();
    abort.current = null;
    setCheck(null);
  };

  /** `uploads[i]` is the file of `summary.items[i]`. */
  const start = (key: object, summary: DryRunSummary, uploads: readonly Upload[]) => {
    abort.current?.abort();
    const indexes = contentCheckIndexes(summary);
    if (indexes.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    let current = summary;
    let state: ContentCheckState = { hashed: 0, total: indexes.length, isDone: false, error: null };
    let lastPaint = 0;
    const paint = () => {
      if (!controller.signal.aborted) setCheck({ key, summary: current, state });
    };
    paint();
    runContentCheck({
      files: indexes.map((i) => uploads[i]!.file),
      names: indexes.map((i) => ({ name: uploads[i]!.relativePath, size: uploads[i]!.size })),
      hash: hashFilesInWorker,
      request: dryRunRequestFor(batchId),
      signal: controller.signal,
      onProgress: (hashed) => {
        state = { ...state, hashed };
        const now = performance.now();
        if (now - lastPaint < PAINT_INTERVAL_MS) return;
        lastPaint = now;
        paint();
      },
      onAnswer: (positions, answer) => {
        current = applyContentAnswer(
          current,
          positions.map((p) => indexes[p]!),
          answer,
        );
        paint();
      },
    }).then(
      () => {
        state = { ...state, isDone: true };
        paint();
      },
      (error: unknown) => {
        state = { ...state, isDone: true, error: errorText(error) };
        paint();
      },
    );
  };

  return {
    start,
    stop,
    stateFor: (key: object) => (check?.key === key ? check.state : null),
    summaryFor: (key: object, fallback: DryRunSummary) => (check?.key === key ? check.summary : fallback),
  };
}

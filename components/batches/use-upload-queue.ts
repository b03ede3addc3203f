"use client";

import { useEffect, useState } from "react";
import type { UploadTransport } from "@/lib/batches/schemas";
import { nextTurn } from "@/lib/browser/uploads/client-files";
import { sendDirectToBlob } from "@/lib/browser/uploads/client-send-direct";
import { sendBatchFile, sendBatchFiles } from "@/lib/browser/uploads/client-send-file";
import {
  UploadQueue,
  type BatchUploadStats,
  type NewUpload,
  type SendContext,
  type UploadItem,
} from "@/lib/browser/uploads/upload-queue";
import { clockFor, useRenderClock } from "./queue-render-clock";

const CONCURRENCY = 4;
/**
 * Aggregates re-render at most this often, however many progress events the uploads fire. Each
 * re-render is a frame, and a frame of the glass cards costs ~100 ms of a software compositor on a
 * loaded 2-core host (trace of bench:ui): 250 ms kept it busy 60 % of the time.
 */
const RENDER_INTERVAL_MS = 500;

let shared: UploadQueue<File> | null = null;

/** How one file is sent (the server says which, from its storage driver). */
let transport: UploadTransport = "stream";

function sendFile(item: UploadItem<File>, context: SendContext) {
  return transport === "direct" ? sendDirectToBlob(item, context) : sendBatchFile(item, context);
}

/** Set by the page from the server's storage driver before anything is dropped. */
export function useUploadTransport(value: UploadTransport): void {
  useEffect(() => {
    transport = value;
  }, [value]);
}

/**
 * One queue per browser tab, kept at module level so uploads continue while the user opens a
 * batch's detail page and comes back (client-side navigation keeps the module alive).
 */
export function getUploadQueue(): UploadQueue<File> {
  shared ??= new UploadQueue<File>({
    send: sendFile,
    // Several small files a request on the stream transport (the browser's cost per request bounds
    // small files); Vercel Blob takes one file per upload. Asked per request, as `transport` is.
    sendGroup: sendBatchFiles,
    canGroup: () => transport === "stream",
    concurrency: CONCURRENCY,
  });
  return shared;
}

/** A counter that changes at most every RENDER_INTERVAL_MS while the queue emits: re-render trigger. */
export function useQueueVersion(queue: UploadQueue<File>): number {
  // The queue of a tab never changes; the clock is looked up once per component.
  const [clock] = useState(() => clockFor(queue, RENDER_INTERVAL_MS));
  return useRenderClock(clock);
}

export function useBatchUploadStats(queue: UploadQueue<File>, batchId: string): BatchUploadStats {
  const version = useQueueVersion(queue);
  // Stats are cheap copies of counters kept by the queue; `version` only forces the re-read.
  void version;
  return queue.stats(batchId);
}

/** Warns before closing the tab while files are still uploading. */
export function useLeaveWarning(queue: UploadQueue<File>): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!queue.isBusy) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [queue]);
}

/** Files put in the queue per task when a drop is queued (20,000 items in one go is one long task). */
const QUEUE_SLICE = 2000;

/** `queue.add` in slices with a turn of the event loop between them; returns how many were queued to send. */
export async function addToQueueInSlices(
  queue: UploadQueue<File>,
  batchId: string,
  uploads: readonly NewUpload<File>[],
  existing: ReadonlySet<string>,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < uploads.length; i += QUEUE_SLICE) {
    added += queue.add(batchId, uploads.slice(i, i + QUEUE_SLICE), existing);
    if (i + QUEUE_SLICE < uploads.length) await nextTurn();
  }
  return added;
}

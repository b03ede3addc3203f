import "server-only";
import type { BatchStatus } from "@/lib/db/client";

/**
 * Seconds before asking a batch's status again (X-Polling-Interval):
 * - 2 s while something moves (uploading, queued, processing): the counters change every second
 *   or two and the page should follow; 5 s past LARGE_BATCH items, because every answer counts
 *   each of the batch's URLs by state (an index-only count, ~linear in the batch's size);
 * - 10 s for a draft or a paused batch: nothing moves by itself, but a person elsewhere may start
 *   or resume it;
 * - 60 s once finished or cancelled: only a person's action (reprocess, restart) changes it again,
 *   and the page that acts refreshes at once on its own.
 */
export const POLL_SECONDS = { active: 2, activeLarge: 5, idle: 10, finished: 60 } as const;
export const LARGE_BATCH = 100_000;

export function pollingIntervalSeconds(status: BatchStatus, totalItems: number): number {
  switch (status) {
    case "UPLOADING":
    case "QUEUED":
    case "PROCESSING":
      return totalItems > LARGE_BATCH ? POLL_SECONDS.activeLarge : POLL_SECONDS.active;
    case "DRAFT":
    case "PAUSED":
      return POLL_SECONDS.idle;
    case "COMPLETED":
    case "COMPLETED_WITH_ERRORS":
    case "CANCELLED":
      return POLL_SECONDS.finished;
  }
}

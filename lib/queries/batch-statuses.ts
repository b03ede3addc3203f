import type { BatchStatus } from "./types";

export const TERMINAL_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set([
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
  "CANCELLED",
]);
/** Statuses in which the server is working on the batch and progress is worth polling. */
export const ACTIVE_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set(["QUEUED", "PROCESSING"]);

/** Shapes of the /api/v1 responses the batch UI reads (see the API contract). */

export const BATCH_STATUSES = ["DRAFT", "UPLOADING", "QUEUED", "PROCESSING", "PAUSED", "COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const TERMINAL_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set(["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"]);
/** Statuses in which the server is working on the batch and progress is worth polling. */
export const ACTIVE_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set(["QUEUED", "PROCESSING"]);

export type NamedRef = { id: string; name: string };

export type BatchCounts = { total: number; uploaded: number; duplicates: number; processed: number; failed: number; queued: number; processing: number; refused: number };

export type Batch = {
  id: string;
  name: string;
  status: BatchStatus;
  brand: NamedRef | null;
  collection: NamedRef | null;
  counts: BatchCounts;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Only on the batch detail: files whose bytes were already in the bank (the first 200; `counts.duplicates` has them all). */
  duplicateFiles?: DuplicateFile[];
  /** Only on the batch detail: files the server refused, with the reason (the first 200; `counts.refused` has them all). */
  refusedFiles?: RefusedFile[];
  /** Only on the reprocess answer: how many failed images went back to the queue. */
  requeued?: number;
};

export type DuplicateFile = { name: string; relativePath: string | null; imageId: string; duplicateOf: string; receivedAt: string };

export type RefusedFile = { uploadId: string; name: string; relativePath: string | null; error: { code: string; message: string }; refusedAt: string };

export type BatchProgress = {
  batchId: string;
  status: BatchStatus;
  total: number;
  processed: number;
  failed: number;
  queued: number;
  processing: number;
  percentage: number;
  ratePerMinute: number;
  etaSeconds: number | null;
  /** From the X-Polling-Interval header, in seconds. */
  pollIntervalSeconds: number;
};

export type Brand = NamedRef;
export type Collection = NamedRef & { brandId: string; brand?: { name: string } };

export const PROCESSING_STATUSES = ["UPLOADED", "QUEUED", "PROCESSING", "READY", "FAILED", "CANCELLED"] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

export type BatchImage = {
  id: string;
  originalName: string;
  relativePath: string | null;
  processingStatus: ProcessingStatus;
  processingError: string | null;
  processingErrorCode: string | null;
  width: number | null;
  height: number | null;
  bytes: number;
  sku: string | null;
  skuBase: string | null;
  sequence: string | null;
  matchStatus: MatchStatus;
  productId: string | null;
  thumbnailUrl: string | null;
  originalUrl: string;
  isDuplicate: boolean;
};

export type MatchStatus = "PENDING" | "MATCHED" | "AMBIGUOUS" | "UNMATCHED" | "MANUAL" | "NO_SKU";

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * Browser upload manager for batch files, free of React and of the network: the transport is an
 * injected `send`, the clock and randomness are injectable so tests drive retries deterministically.
 *
 * Scheduling: one global pool of `concurrency` slots. Pending files are taken batch by batch in the
 * order the batches were filled (as in the seed's "one batch at a time"), so the first batch
 * finishes its uploads before the next one starts, while every slot stays busy.
 *
 * Per-file state lives in plain objects mutated in place (20,000 files per batch is normal);
 * listeners get a cheap notification and read aggregates, which are kept incrementally.
 *
 * Grouping (with `sendGroup`): a slot may carry several small files of one batch in one request,
 * since the browser's cost per request, not the bytes, bounds the throughput of small files. Each
 * member keeps the state, attempts and outcome it would have alone; the slot is the request.
 */

export type UploadItemStatus =
  | "pending"
  | "uploading"
  | "retrying"
  | "stored"
  | "duplicate"
  | "already_uploaded"
  | "rejected"
  | "failed"
  | "cancelled";

export type UploadError = { code: string; message: string };

export type UploadItem<F = unknown> = {
  readonly uploadId: string;
  readonly batchId: string;
  readonly file: F;
  readonly name: string;
  readonly relativePath: string;
  readonly size: number;
  status: UploadItemStatus;
  /** Bytes of this file acknowledged by the upload progress events (size when done). */
  loaded: number;
  attempts: number;
  error: UploadError | null;
  imageId: string | null;
};

export type SendOutcome = {
  status: "stored" | "duplicate" | "already_uploaded" | "rejected";
  imageId?: string | null;
  error?: UploadError | null;
};

export type SendContext = { signal: AbortSignal; onProgress: (loaded: number) => void };

/**
 * A group member's answer: its outcome, or the error it would have thrown alone (a member the
 * server did not answer for is a retryable UploadSendError).
 */
export type GroupMemberOutcome = SendOutcome | UploadSendError;

/**
 * What `send` throws: `isRetryable` for network errors and 5xx, not for 4xx. A final 4xx other
 * than 401 marks the file "rejected" (never offered for retry); other failures end "failed".
 */
export class UploadSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly isRetryable: boolean,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = "UploadSendError";
  }
}

export type Clock = {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type UploadQueueOptions<F> = {
  send: (item: UploadItem<F>, ctx: SendContext) => Promise<SendOutcome>;
  /**
   * Sends several files of one batch in one request; answers per member, in the items' order. A
   * rejection is the request's failure and applies to every member. Without it, one file a request.
   * `ctx.onProgress` takes the request's bytes, spread over the members in order.
   */
  sendGroup?: (items: UploadItem<F>[], ctx: SendContext) => Promise<GroupMemberOutcome[]>;
  /** Asked as each request is formed: false sends one file a request (a transport that cannot group). */
  canGroup?: () => boolean;
  /** Most files in one group request. */
  groupMaxFiles?: number;
  /** Most bytes (sum of the file sizes) in one group request. */
  groupMaxBytes?: number;
  /** A file larger than this always goes alone through `send`. */
  groupFileMaxBytes?: number;
  concurrency?: number;
  /** Total tries per file, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  clock?: Clock;
};

export type BatchUploadStats = {
  total: number;
  pending: number;
  uploading: number;
  stored: number;
  duplicate: number;
  alreadyUploaded: number;
  rejected: number;
  failed: number;
  cancelled: number;
  /** Files that need nothing more: stored, duplicate or already on the server. */
  done: number;
  totalBytes: number;
  loadedBytes: number;
  isPaused: boolean;
};

export type NewUpload<F> = { uploadId: string; file: F; name: string; relativePath: string; size: number };

type BatchState<F> = {
  items: UploadItem<F>[];
  byId: Map<string, UploadItem<F>>;
  queue: UploadItem<F>[];
  head: number;
  isPaused: boolean;
  stats: BatchUploadStats;
};

const STAT_KEY: Record<UploadItemStatus, keyof BatchUploadStats | null> = {
  pending: "pending",
  retrying: "pending",
  uploading: "uploading",
  stored: "stored",
  duplicate: "duplicate",
  already_uploaded: "alreadyUploaded",
  rejected: "rejected",
  failed: "failed",
  cancelled: "cancelled",
};

const DONE: ReadonlySet<UploadItemStatus> = new Set(["stored", "duplicate", "already_uploaded"]);
const FINAL: ReadonlySet<UploadItemStatus> = new Set([
  "stored",
  "duplicate",
  "already_uploaded",
  "rejected",
  "failed",
  "cancelled",
]);

const realClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function emptyStats(): BatchUploadStats {
  return {
    total: 0,
    pending: 0,
    uploading: 0,
    stored: 0,
    duplicate: 0,
    alreadyUploaded: 0,
    rejected: 0,
    failed: 0,
    cancelled: 0,
    done: 0,
    totalBytes: 0,
    loadedBytes: 0,
    isPaused: false,
  };
}

/** Delay before retry `attempt` (1 = first retry): base·2^(attempt−1), capped, plus up to 25 % jitter. */
export function backoffDelay(attempt: number, random: () => number, baseDelayMs = 1000, maxDelayMs = 30_000): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (1 + 0.25 * random()));
}

export class UploadQueue<F = unknown> {
  private readonly send: UploadQueueOptions<F>["send"];
  private readonly sendGroup: UploadQueueOptions<F>["sendGroup"];
  private readonly canGroup: () => boolean;
  private readonly groupMaxFiles: number;
  private readonly groupMaxBytes: number;
  private readonly groupFileMaxBytes: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly batches = new Map<string, BatchState<F>>();
  /** Batch ids in the order they first received files: the upload order. */
  private readonly order: string[] = [];
  /** Uploading files → their request's controller (shared by the members of a group). */
  private readonly inFlight = new Map<UploadItem<F>, AbortController>();
  /** Requests in flight, one per busy slot; cancel removes a request at once, as it frees the slot. */
  private readonly requests = new Set<AbortController>();
  private readonly timers = new Map<UploadItem<F>, unknown>();
  private readonly listeners = new Set<() => void>();
  private isGloballyPaused = false;

  constructor(options: UploadQueueOptions<F>) {
    this.send = options.send;
    this.sendGroup = options.sendGroup;
    this.canGroup = options.canGroup ?? (() => true);
    this.groupMaxFiles = Math.max(1, options.groupMaxFiles ?? 20);
    this.groupMaxBytes = options.groupMaxBytes ?? 8 * 1024 * 1024;
    this.groupFileMaxBytes = options.groupFileMaxBytes ?? 2 * 1024 * 1024;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? realClock;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Adds files to a batch. Ids in `existing` (already on the server) are recorded as done without
   * sending; ids already queued here are skipped unless they failed or were cancelled (then retried).
   */
  add(batchId: string, uploads: Iterable<NewUpload<F>>, existing: ReadonlySet<string> = new Set()): number {
    const batch = this.batch(batchId);
    let added = 0;
    for (const upload of uploads) {
      const known = batch.byId.get(upload.uploadId);
      if (known) {
        if (known.status === "failed" || known.status === "cancelled") {
          known.attempts = 0;
          known.error = null;
          this.enqueue(batch, known);
          added++;
        }
        continue;
      }
      const item: UploadItem<F> = {
        ...upload,
        batchId,
        status: "pending",
        loaded: 0,
        attempts: 0,
        error: null,
        imageId: null,
      };
      batch.items.push(item);
      batch.byId.set(item.uploadId, item);
      batch.stats.total++;
      batch.stats.totalBytes += item.size;
      batch.stats.pending++;
      if (existing.has(item.uploadId)) {
        this.setStatus(batch, item, "already_uploaded");
        this.setLoaded(batch, item, item.size);
      } else {
        batch.queue.push(item);
        added++;
      }
    }
    this.pump();
    this.emit();
    return added;
  }

  /** Records files refused before sending (type, size), so they show in the list with their reason. */
  addRejected(batchId: string, rejected: Iterable<NewUpload<F> & { error: UploadError }>): void {
    const batch = this.batch(batchId);
    for (const { error, ...upload } of rejected) {
      if (batch.byId.has(upload.uploadId)) continue;
      const item: UploadItem<F> = {
        ...upload,
        batchId,
        status: "rejected",
        loaded: 0,
        attempts: 0,
        error,
        imageId: null,
      };
      batch.items.push(item);
      batch.byId.set(item.uploadId, item);
      batch.stats.total++;
      batch.stats.rejected++;
    }
    this.emit();
  }

  /** Pauses everything (no argument) or one batch: nothing new starts; in-flight uploads finish. */
  pause(batchId?: string): void {
    if (batchId === undefined) this.isGloballyPaused = true;
    else this.batch(batchId).isPaused = true;
    this.syncPausedFlags();
    this.emit();
  }

  resume(batchId?: string): void {
    if (batchId === undefined) this.isGloballyPaused = false;
    else this.batch(batchId).isPaused = false;
    this.syncPausedFlags();
    this.pump();
    this.emit();
  }

  /** Cancels everything not yet finished (no argument) or one batch; in-flight requests are aborted. */
  cancel(batchId?: string): void {
    const targets = batchId === undefined ? [...this.batches.values()] : [this.batch(batchId)];
    for (const batch of targets) {
      for (let i = batch.head; i < batch.queue.length; i++) {
        const item = batch.queue[i]!;
        if (item.status === "pending") this.setStatus(batch, item, "cancelled");
      }
      batch.queue.length = 0;
      batch.head = 0;
      for (const item of batch.items) {
        if (item.status === "retrying") {
          this.clock.clearTimeout(this.timers.get(item));
          this.timers.delete(item);
          this.setStatus(batch, item, "cancelled");
        } else if (item.status === "uploading") {
          // The send's rejection marks it cancelled; mark now too so the UI reacts at once.
          // A group's members are all of this batch: the request ends with them.
          const controller = this.inFlight.get(item);
          controller?.abort();
          if (controller) this.requests.delete(controller);
          this.inFlight.delete(item);
          this.setStatus(batch, item, "cancelled");
          this.setLoaded(batch, item, 0);
        }
      }
    }
    this.pump();
    this.emit();
  }

  /** Queues the failed and cancelled files of a batch again. */
  retryFailed(batchId: string): number {
    const batch = this.batch(batchId);
    let count = 0;
    for (const item of batch.items) {
      if (item.status === "failed" || item.status === "cancelled") {
        item.attempts = 0;
        item.error = null;
        this.enqueue(batch, item);
        count++;
      }
    }
    this.pump();
    this.emit();
    return count;
  }

  /** Aborts all work and forgets every batch (page teardown). */
  dispose(): void {
    this.cancel();
    this.batches.clear();
    this.order.length = 0;
    this.listeners.clear();
  }

  stats(batchId: string): BatchUploadStats {
    const batch = this.batches.get(batchId);
    return batch ? { ...batch.stats } : emptyStats();
  }

  /** Sums over every batch of the queue (the page's global upload bar). */
  totals(): BatchUploadStats {
    const sum = emptyStats();
    sum.isPaused = this.isGloballyPaused;
    for (const batch of this.batches.values()) {
      for (const key of Object.keys(sum) as Array<keyof BatchUploadStats>) {
        if (key !== "isPaused") (sum[key] as number) += batch.stats[key] as number;
      }
    }
    return sum;
  }

  /** The live item list of a batch, in insertion order (read-only by convention; do not mutate). */
  items(batchId: string): readonly UploadItem<F>[] {
    return this.batches.get(batchId)?.items ?? [];
  }

  /** Requests in flight (a group counts once). */
  get activeCount(): number {
    return this.requests.size;
  }

  get isPaused(): boolean {
    return this.isGloballyPaused;
  }

  /** True while anything is uploading, waiting to retry or queued. */
  get isBusy(): boolean {
    for (const batch of this.batches.values()) if (batch.stats.pending > 0 || batch.stats.uploading > 0) return true;
    return false;
  }

  private batch(batchId: string): BatchState<F> {
    let batch = this.batches.get(batchId);
    if (!batch) {
      batch = { items: [], byId: new Map(), queue: [], head: 0, isPaused: false, stats: emptyStats() };
      batch.stats.isPaused = this.isGloballyPaused;
      this.batches.set(batchId, batch);
      this.order.push(batchId);
    }
    return batch;
  }

  private syncPausedFlags(): void {
    for (const batch of this.batches.values()) batch.stats.isPaused = this.isGloballyPaused || batch.isPaused;
  }

  private enqueue(batch: BatchState<F>, item: UploadItem<F>): void {
    this.setStatus(batch, item, "pending");
    this.setLoaded(batch, item, 0);
    batch.queue.push(item);
  }

  private setStatus(batch: BatchState<F>, item: UploadItem<F>, status: UploadItemStatus): void {
    const from = STAT_KEY[item.status];
    const to = STAT_KEY[status];
    if (from) (batch.stats[from] as number)--;
    if (to) (batch.stats[to] as number)++;
    if (DONE.has(item.status)) batch.stats.done--;
    if (DONE.has(status)) batch.stats.done++;
    item.status = status;
  }

  private setLoaded(batch: BatchState<F>, item: UploadItem<F>, loaded: number): void {
    const clamped = Math.max(0, Math.min(item.size, loaded));
    batch.stats.loadedBytes += clamped - item.loaded;
    item.loaded = clamped;
  }

  private nextItem(): [BatchState<F>, UploadItem<F>] | null {
    if (this.isGloballyPaused) return null;
    for (const batchId of this.order) {
      const batch = this.batches.get(batchId)!;
      if (batch.isPaused) continue;
      while (batch.head < batch.queue.length) {
        const item = batch.queue[batch.head++]!;
        if (item.status === "pending") {
          if (batch.head > 1024 && batch.head * 2 > batch.queue.length) {
            batch.queue.splice(0, batch.head);
            batch.head = 0;
          }
          return [batch, item];
        }
      }
      batch.queue.length = 0;
      batch.head = 0;
    }
    return null;
  }

  private pump(): void {
    while (this.requests.size < this.concurrency) {
      const next = this.nextItem();
      if (!next) return;
      const [batch, item] = next;
      this.start(batch, this.sendGroup && this.canGroup() ? this.gather(batch, item) : [item]);
    }
  }

  /**
   * `first` and the pending small files right after it in its batch's queue, within the group
   * limits. Only consecutive files: taking later ones would reorder the batch's uploads.
   */
  private gather(batch: BatchState<F>, first: UploadItem<F>): UploadItem<F>[] {
    const group = [first];
    if (first.size > this.groupFileMaxBytes) return group;
    let bytes = first.size;
    while (group.length < this.groupMaxFiles && batch.head < batch.queue.length) {
      const item = batch.queue[batch.head]!;
      if (item.status === "pending") {
        if (item.size > this.groupFileMaxBytes || bytes + item.size > this.groupMaxBytes) break;
        group.push(item);
        bytes += item.size;
      }
      batch.head++;
    }
    return group;
  }

  /** One request for `items` (one file, or a group of one batch): one slot, one controller. */
  private start(batch: BatchState<F>, items: UploadItem<F>[]): void {
    const controller = new AbortController();
    this.requests.add(controller);
    for (const item of items) {
      this.inFlight.set(item, controller);
      this.setStatus(batch, item, "uploading");
      this.setLoaded(batch, item, 0);
      item.attempts++;
    }
    const onProgress = (loaded: number) => {
      if (!this.requests.has(controller)) return;
      // The request's bytes fill the members in the order they are sent (setLoaded clamps).
      let before = 0;
      for (const item of items) {
        this.setLoaded(batch, item, loaded - before);
        before += item.size;
      }
      this.emit();
    };
    const ctx: SendContext = { signal: controller.signal, onProgress };
    // A lone file goes through `send` even with grouping: it keeps the single-file answers (its own 4xx).
    const sendGroup = items.length > 1 ? this.sendGroup : undefined;
    let outcome: Promise<SendOutcome | GroupMemberOutcome[]>;
    try {
      outcome = sendGroup ? sendGroup(items, ctx) : this.send(items[0]!, ctx);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.then(
      (result) => this.finish(batch, items, controller, Array.isArray(result) ? result : [result], null),
      (error: unknown) => this.finish(batch, items, controller, null, error),
    );
    this.emit();
  }

  /** A request settled: each member gets its own outcome, or the request's error. */
  private finish(
    batch: BatchState<F>,
    items: UploadItem<F>[],
    controller: AbortController,
    results: GroupMemberOutcome[] | null,
    error: unknown,
  ): void {
    // A cancelled request settles late: its members' state was already decided.
    if (!this.requests.delete(controller)) return;
    for (const [i, item] of items.entries()) {
      this.inFlight.delete(item);
      const own = results ? (results[i] ?? missingAnswer()) : null;
      if (own instanceof UploadSendError) this.settle(batch, item, controller, null, own);
      else this.settle(batch, item, controller, own, error);
    }
    this.pump();
    this.emit();
  }

  /** The end of one file's try: its outcome, or what its failure means (retry, rejected, failed). */
  private settle(
    batch: BatchState<F>,
    item: UploadItem<F>,
    controller: AbortController,
    result: SendOutcome | null,
    error: unknown,
  ): void {
    if (result) {
      this.setStatus(batch, item, result.status);
      item.imageId = result.imageId ?? null;
      item.error = result.error ?? null;
      this.setLoaded(batch, item, result.status === "rejected" ? 0 : item.size);
    } else if (controller.signal.aborted) {
      this.setStatus(batch, item, "cancelled");
      this.setLoaded(batch, item, 0);
    } else {
      const isRetryable = error instanceof UploadSendError ? error.isRetryable : true;
      const code = error instanceof UploadSendError ? error.code : "NETWORK_ERROR";
      const message = error instanceof Error ? error.message : String(error);
      item.error = { code, message };
      this.setLoaded(batch, item, 0);
      if (isFinalRefusal(error)) {
        // The server's final answer on this file (not an image, too large…): a retry cannot succeed.
        this.setStatus(batch, item, "rejected");
      } else if (isRetryable && item.attempts < this.maxAttempts) {
        this.setStatus(batch, item, "retrying");
        const delay = backoffDelay(item.attempts, this.random, this.baseDelayMs, this.maxDelayMs);
        const handle = this.clock.setTimeout(() => {
          this.timers.delete(item);
          if (item.status !== "retrying") return;
          // Back to the front of its batch: a retried file should not wait behind 20,000 others.
          this.setStatus(batch, item, "pending");
          batch.queue.splice(batch.head, 0, item);
          this.pump();
          this.emit();
        }, delay);
        this.timers.set(item, handle);
      } else {
        this.setStatus(batch, item, "failed");
      }
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A group answer with fewer outcomes than members: the ones left out are tried again. */
function missingAnswer(): UploadSendError {
  return new UploadSendError("BAD_RESPONSE", "Resposta inesperada do servidor", true);
}

/**
 * A 4xx that is no transient state: 401 (signed out; the same file succeeds after signing in)
 * and the retryable 408/429 are not refusals.
 */
function isFinalRefusal(error: unknown): boolean {
  if (!(error instanceof UploadSendError) || error.isRetryable || error.httpStatus === null) return false;
  return error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus !== 401;
}

export function isFinalStatus(status: UploadItemStatus): boolean {
  return FINAL.has(status);
}

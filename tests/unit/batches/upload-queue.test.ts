import { describe, expect, it } from "vitest";
import {
  UploadQueue,
  UploadSendError,
  backoffDelay,
  type Clock,
  type GroupMemberOutcome,
  type SendContext,
  type SendOutcome,
  type UploadItem,
} from "@/lib/browser/uploads/upload-queue";

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements Clock {
  now = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  readonly delays: number[] = [];
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.delays.push(ms);
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number) {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.fn();
  }
  get pending() {
    return this.timers.length;
  }
}

type Call = {
  item: UploadItem<string>;
  ctx: SendContext;
  resolve: (o: SendOutcome) => void;
  reject: (e: unknown) => void;
};

type GroupCall = {
  items: UploadItem<string>[];
  ctx: SendContext;
  resolve: (o: GroupMemberOutcome[]) => void;
  reject: (e: unknown) => void;
  done?: boolean;
};

type GroupOptions = { maxFiles?: number; maxBytes?: number; fileMaxBytes?: number; canGroup?: () => boolean };

/**
 * A controllable transport: every send waits until the test settles it. With `group`, the queue
 * also gets a `sendGroup`, whose requests land in `groupCalls`; `sent` lists every request's ids.
 */
function harness(options: { concurrency?: number; maxAttempts?: number; group?: GroupOptions } = {}) {
  const calls: Call[] = [];
  const groupCalls: GroupCall[] = [];
  const sent: string[][] = [];
  let active = 0;
  let maxActive = 0;
  const clock = new FakeClock();
  /** A pending request: counted as active until settled or aborted. */
  function request<T>(ctx: SendContext, record: (resolve: (v: T) => void, reject: (e: unknown) => void) => void) {
    return new Promise<T>((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      let settled = false;
      const settle = () => {
        if (!settled) active--;
        settled = true;
      };
      record(
        (o) => {
          settle();
          resolve(o);
        },
        (e) => {
          settle();
          reject(e);
        },
      );
      ctx.signal.addEventListener("abort", () => {
        settle();
        reject(new UploadSendError("ABORTED", "aborted", false));
      });
    });
  }
  const group = options.group;
  const queue = new UploadQueue<string>({
    concurrency: options.concurrency ?? 3,
    maxAttempts: options.maxAttempts ?? 5,
    baseDelayMs: 1000,
    random: () => 0.5,
    clock,
    send: (item, ctx) =>
      request<SendOutcome>(ctx, (resolve, reject) => {
        sent.push([item.uploadId]);
        calls.push({ item, ctx, resolve, reject });
      }),
    ...(group && {
      sendGroup: (items: UploadItem<string>[], ctx: SendContext) =>
        request<GroupMemberOutcome[]>(ctx, (resolve, reject) => {
          sent.push(items.map((i) => i.uploadId));
          groupCalls.push({ items: [...items], ctx, resolve, reject });
        }),
      groupMaxFiles: group.maxFiles,
      groupMaxBytes: group.maxBytes,
      groupFileMaxBytes: group.fileMaxBytes,
      canGroup: group.canGroup,
    }),
  });
  return { queue, calls, groupCalls, sent, clock, maxActive: () => maxActive, active: () => active };
}

const files = (n: number, prefix = "f") =>
  Array.from({ length: n }, (_, i) => ({
    uploadId: `${prefix}${i}`,
    file: `${prefix}${i}`,
    name: `${prefix}${i}.jpg`,
    relativePath: `DIR/${prefix}${i}.jpg`,
    size: 100,
  }));

/** Files of the given sizes, named `${prefix}${i}`. */
const sized = (sizes: number[], prefix = "f") => files(sizes.length, prefix).map((f, i) => ({ ...f, size: sizes[i]! }));

const flush = () => new Promise((r) => setTimeout(r, 0));

async function drain(h: ReturnType<typeof harness>, outcome: SendOutcome = { status: "stored" }) {
  for (let guard = 0; guard < 10_000; guard++) {
    const open = h.calls.filter((c) => c.item.status === "uploading" && !(c as Call & { done?: boolean }).done);
    if (open.length === 0) return;
    for (const c of open) {
      (c as Call & { done?: boolean }).done = true;
      c.resolve(outcome);
    }
    await flush();
  }
}

describe("UploadQueue", () => {
  it("never runs more than `concurrency` uploads at once and finishes every file", async () => {
    const h = harness({ concurrency: 3 });
    h.queue.add("b1", files(20));
    expect(h.queue.activeCount).toBe(3);
    await drain(h);
    expect(h.maxActive()).toBe(3);
    const stats = h.queue.stats("b1");
    expect(stats).toMatchObject({ total: 20, done: 20, stored: 20, pending: 0, uploading: 0 });
    expect(stats.loadedBytes).toBe(stats.totalBytes);
  });

  it("uploads batch by batch in the order the batches were filled", async () => {
    const h = harness({ concurrency: 2 });
    h.queue.add("a", files(3, "a"));
    h.queue.add("b", files(3, "b"));
    await drain(h);
    expect(h.calls.map((c) => c.item.batchId)).toEqual(["a", "a", "a", "b", "b", "b"]);
  });

  it("retries network errors and 5xx with increasing delays, then succeeds", async () => {
    const h = harness({ concurrency: 1 });
    h.queue.add("b1", files(1));
    h.calls[0]!.reject(new UploadSendError("NETWORK_ERROR", "net", true));
    await flush();
    expect(h.queue.items("b1")[0]!.status).toBe("retrying");
    h.clock.advance(h.clock.delays.at(-1)!);
    h.calls[1]!.reject(new UploadSendError("HTTP_503", "busy", true, 503));
    await flush();
    h.clock.advance(h.clock.delays.at(-1)!);
    h.calls[2]!.reject(new Error("socket hang up")); // unknown errors count as network errors
    await flush();
    h.clock.advance(h.clock.delays.at(-1)!);
    h.calls[3]!.resolve({ status: "stored", imageId: "img-1" });
    await flush();
    expect(h.clock.delays).toEqual([1125, 2250, 4500]); // 1 s, 2 s, 4 s + 12.5 % jitter at random()=0.5
    const item = h.queue.items("b1")[0]!;
    expect(item).toMatchObject({ status: "stored", attempts: 4, imageId: "img-1" });
  });

  it("gives up after maxAttempts and marks the file failed with the last error", async () => {
    const h = harness({ concurrency: 1, maxAttempts: 3 });
    h.queue.add("b1", files(1));
    for (let i = 0; i < 3; i++) {
      h.calls[i]!.reject(new UploadSendError("HTTP_500", "boom", true, 500));
      await flush();
      if (i < 2) h.clock.advance(60_000);
    }
    expect(h.calls).toHaveLength(3);
    expect(h.queue.items("b1")[0]).toMatchObject({ status: "failed", error: { code: "HTTP_500" } });
    expect(h.queue.stats("b1").failed).toBe(1);
  });

  it("does not retry a final 4xx: the file is refused at once and is not offered for retry", async () => {
    const h = harness({ concurrency: 1 });
    h.queue.add("b1", files(2));
    h.calls[0]!.reject(new UploadSendError("UNSUPPORTED_MEDIA_TYPE", "não é imagem", false, 415));
    await flush();
    expect(h.clock.pending).toBe(0);
    expect(h.queue.items("b1")[0]).toMatchObject({
      status: "rejected",
      attempts: 1,
      error: { code: "UNSUPPORTED_MEDIA_TYPE" },
    });
    expect(h.queue.stats("b1")).toMatchObject({ rejected: 1, failed: 0 });
    expect(h.calls).toHaveLength(2); // moved on to the next file
    h.calls[1]!.resolve({ status: "stored", imageId: "i" });
    await flush();
    expect(h.queue.retryFailed("b1")).toBe(0);
    // Adding the same file again does not send it again either.
    expect(h.queue.add("b1", files(1))).toBe(0);
  });

  it("keeps a 401 retryable by hand: signed out is no refusal of the file", async () => {
    const h = harness({ concurrency: 1 });
    h.queue.add("b1", files(1));
    h.calls[0]!.reject(new UploadSendError("UNAUTHENTICATED", "sessão expirada", false, 401));
    await flush();
    expect(h.queue.items("b1")[0]).toMatchObject({ status: "failed", error: { code: "UNAUTHENTICATED" } });
    expect(h.queue.retryFailed("b1")).toBe(1);
  });

  it("records per-file server outcomes (duplicate, rejected) without retrying", async () => {
    const h = harness({ concurrency: 2 });
    h.queue.add("b1", files(2));
    h.calls[0]!.resolve({ status: "duplicate", imageId: "x" });
    h.calls[1]!.resolve({ status: "rejected", error: { code: "EMPTY_FILE", message: "vazio" } });
    await flush();
    expect(h.queue.stats("b1")).toMatchObject({ duplicate: 1, rejected: 1, done: 1 });
  });

  it("pause stops new uploads from starting; in-flight ones finish; resume continues", async () => {
    const h = harness({ concurrency: 2 });
    h.queue.add("b1", files(5));
    h.queue.pause();
    h.calls[0]!.resolve({ status: "stored" });
    h.calls[1]!.resolve({ status: "stored" });
    await flush();
    expect(h.calls).toHaveLength(2);
    expect(h.queue.activeCount).toBe(0);
    expect(h.queue.stats("b1")).toMatchObject({ done: 2, pending: 3, isPaused: true });
    h.queue.resume();
    expect(h.calls).toHaveLength(4);
    await drain(h);
    expect(h.queue.stats("b1").done).toBe(5);
  });

  it("pausing one batch lets the others use the slots", async () => {
    const h = harness({ concurrency: 2 });
    h.queue.add("a", files(4, "a"));
    h.queue.add("b", files(2, "b"));
    h.queue.pause("a");
    h.calls[0]!.resolve({ status: "stored" });
    await flush();
    expect(h.calls.at(-1)!.item.batchId).toBe("b");
    expect(h.queue.stats("a").isPaused).toBe(true);
    expect(h.queue.stats("b").isPaused).toBe(false);
  });

  it("cancel aborts in-flight uploads through their AbortSignal and drops the pending ones", async () => {
    const h = harness({ concurrency: 2 });
    h.queue.add("b1", files(5));
    const inflight = h.calls.map((c) => c.ctx.signal);
    h.queue.cancel("b1");
    expect(inflight.every((s) => s.aborted)).toBe(true);
    await flush();
    expect(h.calls).toHaveLength(2);
    expect(h.queue.stats("b1")).toMatchObject({ cancelled: 5, pending: 0, uploading: 0 });
    expect(h.queue.activeCount).toBe(0);
  });

  it("cancel clears scheduled retries", async () => {
    const h = harness({ concurrency: 1 });
    h.queue.add("b1", files(1));
    h.calls[0]!.reject(new UploadSendError("NETWORK_ERROR", "net", true));
    await flush();
    expect(h.clock.pending).toBe(1);
    h.queue.cancel();
    expect(h.clock.pending).toBe(0);
    expect(h.queue.items("b1")[0]!.status).toBe("cancelled");
  });

  it("retryFailed queues failed and cancelled files again", async () => {
    const h = harness({ concurrency: 1 });
    h.queue.add("b1", files(2));
    h.queue.cancel("b1");
    await flush();
    expect(h.queue.retryFailed("b1")).toBe(2);
    await drain(h);
    expect(h.queue.stats("b1")).toMatchObject({ stored: 2, cancelled: 0 });
  });

  it("skips files the server already holds and files already queued here", () => {
    const h = harness({ concurrency: 1 });
    const batch = files(4);
    expect(h.queue.add("b1", batch, new Set(["f1", "f2"]))).toBe(2);
    expect(h.queue.stats("b1")).toMatchObject({ total: 4, alreadyUploaded: 2, done: 2 });
    expect(h.queue.add("b1", batch)).toBe(0);
    expect(h.queue.stats("b1").total).toBe(4);
  });

  it("tracks byte progress reported by the transport", () => {
    const h = harness({ concurrency: 1 });
    h.queue.add("b1", files(2));
    h.calls[0]!.ctx.onProgress(40);
    expect(h.queue.stats("b1")).toMatchObject({ loadedBytes: 40, totalBytes: 200 });
  });

  it("notifies subscribers", () => {
    const h = harness();
    let calls = 0;
    const unsubscribe = h.queue.subscribe(() => calls++);
    h.queue.add("b1", files(1));
    expect(calls).toBeGreaterThan(0);
    unsubscribe();
    const before = calls;
    h.queue.pause();
    expect(calls).toBe(before);
  });
});

/** Settles every open request (single or group) with `stored` until nothing is left to send. */
async function drainAll(h: ReturnType<typeof harness>) {
  for (let guard = 0; guard < 10_000; guard++) {
    const singles = h.calls.filter((c) => c.item.status === "uploading" && !(c as Call & { done?: boolean }).done);
    const groups = h.groupCalls.filter((g) => !g.done && !g.ctx.signal.aborted);
    if (singles.length === 0 && groups.length === 0) return;
    for (const c of singles) {
      (c as Call & { done?: boolean }).done = true;
      c.resolve({ status: "stored" });
    }
    for (const g of groups) {
      g.done = true;
      g.resolve(g.items.map(() => ({ status: "stored" as const })));
    }
    await flush();
  }
}

/** Every file is counted in exactly one status counter, and the byte total matches the items. */
function expectConsistent(h: ReturnType<typeof harness>, batchId: string) {
  const s = h.queue.stats(batchId);
  const items = h.queue.items(batchId);
  const count = (...statuses: string[]) => items.filter((i) => statuses.includes(i.status)).length;
  expect(
    s.pending + s.uploading + s.stored + s.duplicate + s.alreadyUploaded + s.rejected + s.failed + s.cancelled,
  ).toBe(s.total);
  expect(s.total).toBe(items.length);
  expect(s.uploading).toBe(count("uploading"));
  expect(s.pending).toBe(count("pending", "retrying"));
  expect(s.done).toBe(s.stored + s.duplicate + s.alreadyUploaded);
  expect(s.loadedBytes).toBe(items.reduce((sum, i) => sum + i.loaded, 0));
}

describe("UploadQueue with sendGroup", () => {
  it("groups consecutive pending files of the same batch, up to groupMaxFiles, one slot per request", async () => {
    const h = harness({ concurrency: 2, group: { maxFiles: 3 } });
    h.queue.add("a", files(7, "a"));
    h.queue.add("b", files(2, "b"));
    expect(h.sent).toEqual([
      ["a0", "a1", "a2"],
      ["a3", "a4", "a5"],
    ]);
    expect(h.queue.activeCount).toBe(2);
    expect(h.queue.stats("a")).toMatchObject({ uploading: 6, pending: 1 });
    expect(
      h.queue
        .items("a")
        .slice(0, 6)
        .every((i) => i.status === "uploading" && i.attempts === 1),
    ).toBe(true);
    h.groupCalls[0]!.resolve(h.groupCalls[0]!.items.map(() => ({ status: "stored" })));
    await flush();
    // a6 is alone in its batch's queue: never grouped with b's files; a lone file goes through `send`.
    expect(h.sent.at(-1)).toEqual(["a6"]);
    expect(h.calls.map((c) => c.item.uploadId)).toEqual(["a6"]);
    await drainAll(h);
    expect(h.sent.at(-1)).toEqual(["b0", "b1"]);
    expect(h.maxActive()).toBe(2);
    expect(h.queue.stats("a")).toMatchObject({ total: 7, stored: 7, done: 7 });
    expect(h.queue.stats("b")).toMatchObject({ total: 2, stored: 2, done: 2 });
  });

  it("caps a group at groupMaxBytes and sends files over groupFileMaxBytes alone", async () => {
    const h = harness({ concurrency: 1, group: { maxBytes: 250, fileMaxBytes: 150 } });
    h.queue.add("b1", sized([100, 100, 100, 100, 100, 200, 50, 50, 300]));
    await drainAll(h);
    expect(h.sent).toEqual([["f0", "f1"], ["f2", "f3"], ["f4"], ["f5"], ["f6", "f7"], ["f8"]]);
    expect(h.calls.map((c) => c.item.uploadId)).toEqual(["f4", "f5", "f8"]);
    expect(h.queue.stats("b1")).toMatchObject({ stored: 9, loadedBytes: 1100, totalBytes: 1100 });
  });

  it("sends one file a request while canGroup() is false", async () => {
    let grouping = false;
    const h = harness({ concurrency: 1, group: { canGroup: () => grouping } });
    h.queue.add("b1", files(4));
    expect(h.sent).toEqual([["f0"]]);
    grouping = true;
    await drainAll(h);
    expect(h.sent).toEqual([["f0"], ["f1", "f2", "f3"]]);
  });

  it("spreads a group's loaded bytes over its members in order", () => {
    const h = harness({ concurrency: 1, group: {} });
    h.queue.add("b1", sized([100, 50, 100]));
    const [group] = h.groupCalls;
    group!.ctx.onProgress(130);
    expect(h.queue.items("b1").map((i) => i.loaded)).toEqual([100, 30, 0]);
    expect(h.queue.stats("b1").loadedBytes).toBe(130);
    group!.ctx.onProgress(10_000); // multipart framing counts too: each member is capped at its size
    expect(h.queue.items("b1").map((i) => i.loaded)).toEqual([100, 50, 100]);
    expect(h.queue.stats("b1").loadedBytes).toBe(250);
  });

  it("retries every member of a failed request with its own backoff; the retried files may be grouped again", async () => {
    const h = harness({ concurrency: 1, group: { maxFiles: 3 } });
    h.queue.add("b1", files(6));
    h.groupCalls[0]!.ctx.onProgress(150);
    h.groupCalls[0]!.reject(new UploadSendError("HTTP_503", "busy", true, 503));
    await flush();
    const [f0, f1, f2] = h.queue.items("b1");
    for (const item of [f0!, f1!, f2!]) {
      expect(item).toMatchObject({ status: "retrying", attempts: 1, loaded: 0, error: { code: "HTTP_503" } });
    }
    expect(h.clock.delays).toEqual([1125, 1125, 1125]);
    expect(h.queue.stats("b1")).toMatchObject({ pending: 3, uploading: 3, loadedBytes: 0 });
    expect(h.sent.at(-1)).toEqual(["f3", "f4", "f5"]); // the slot went on with the next files
    h.clock.advance(1125);
    h.groupCalls[1]!.resolve(h.groupCalls[1]!.items.map(() => ({ status: "stored" })));
    await flush();
    // Back at the front of the batch, the three retried files form one request again.
    expect([...h.sent.at(-1)!].sort()).toEqual(["f0", "f1", "f2"]);
    expect([f0!, f1!, f2!].every((i) => i.status === "uploading" && i.attempts === 2)).toBe(true);
    h.groupCalls[2]!.reject(new UploadSendError("NETWORK_ERROR", "net", true));
    await flush();
    expect(h.clock.delays.slice(3)).toEqual([2250, 2250, 2250]);
    h.clock.advance(2250);
    await drainAll(h);
    expect(h.queue.stats("b1")).toMatchObject({ stored: 6, done: 6, pending: 0, uploading: 0, failed: 0 });
    expect([f0!, f1!, f2!].map((i) => i.attempts)).toEqual([3, 3, 3]);
  });

  it("applies a request's final 4xx and a 401 to every member as to a single file", async () => {
    const h = harness({ concurrency: 1, group: {} });
    h.queue.add("a", files(2, "a"));
    h.queue.add("b", files(2, "b"));
    h.groupCalls[0]!.reject(new UploadSendError("BATCH_CLOSED", "lote fechado", false, 409));
    await flush();
    h.groupCalls[1]!.reject(new UploadSendError("UNAUTHENTICATED", "sessão expirada", false, 401));
    await flush();
    expect(h.clock.pending).toBe(0);
    expect(h.queue.stats("a")).toMatchObject({ rejected: 2, failed: 0 });
    expect(h.queue.stats("b")).toMatchObject({ rejected: 0, failed: 2 });
    expect(h.queue.retryFailed("a")).toBe(0);
    expect(h.queue.retryFailed("b")).toBe(2);
  });

  it("applies per-member outcomes: a rejected member leaves the others stored, an unanswered one is retried", async () => {
    const h = harness({ concurrency: 1, group: {} });
    h.queue.add("b1", files(4));
    h.groupCalls[0]!.resolve([
      { status: "stored", imageId: "i0" },
      { status: "rejected", error: { code: "EMPTY_FILE", message: "vazio" } },
      new UploadSendError("BAD_RESPONSE", "sem resposta", true),
      // f3 missing: the queue treats it as unanswered too
    ]);
    await flush();
    const [f0, f1, f2, f3] = h.queue.items("b1");
    expect(f0).toMatchObject({ status: "stored", imageId: "i0", loaded: 100 });
    expect(f1).toMatchObject({ status: "rejected", error: { code: "EMPTY_FILE" }, loaded: 0 });
    expect(f2).toMatchObject({ status: "retrying", error: { code: "BAD_RESPONSE" } });
    expect(f3).toMatchObject({ status: "retrying", error: { code: "BAD_RESPONSE" } });
    expect(h.queue.stats("b1")).toMatchObject({ stored: 1, rejected: 1, pending: 2, done: 1, loadedBytes: 100 });
    h.clock.advance(1125);
    await drainAll(h);
    expect(h.queue.stats("b1")).toMatchObject({ stored: 3, rejected: 1, done: 3 });
    expectConsistent(h, "b1");
  });

  it("cancel aborts a group in flight, marks its members cancelled and frees its slot", async () => {
    const h = harness({ concurrency: 1, group: { maxFiles: 3 } });
    h.queue.add("a", files(5, "a"));
    h.queue.add("b", files(2, "b"));
    const group = h.groupCalls[0]!;
    group.ctx.onProgress(120);
    h.queue.cancel("a");
    expect(group.ctx.signal.aborted).toBe(true);
    expect(h.queue.stats("a")).toMatchObject({ cancelled: 5, uploading: 0, pending: 0, loadedBytes: 0 });
    // The slot went to the next batch at once.
    expect(h.queue.activeCount).toBe(1);
    expect(h.sent.at(-1)).toEqual(["b0", "b1"]);
    await flush();
    group.ctx.onProgress(300); // a late event of the aborted request changes nothing
    expect(h.queue.stats("a")).toMatchObject({ cancelled: 5, loadedBytes: 0 });
    expect(h.queue.stats("b").uploading).toBe(2);
    await drainAll(h);
    expect(h.queue.stats("b").stored).toBe(2);
    // Cancelled members are queued again by retryFailed and grouped again.
    expect(h.queue.retryFailed("a")).toBe(5);
    expect(h.sent.at(-1)).toEqual(["a0", "a1", "a2"]);
    await drainAll(h);
    expect(h.queue.stats("a")).toMatchObject({ stored: 5, cancelled: 0 });
    expectConsistent(h, "a");
  });

  it("pause lets an in-flight group finish and starts nothing new until resume", async () => {
    const h = harness({ concurrency: 1, group: { maxFiles: 2 } });
    h.queue.add("b1", files(4));
    h.queue.pause();
    h.groupCalls[0]!.resolve([{ status: "stored" }, { status: "duplicate", imageId: "x" }]);
    await flush();
    expect(h.sent).toHaveLength(1);
    expect(h.queue.activeCount).toBe(0);
    expect(h.queue.stats("b1")).toMatchObject({ stored: 1, duplicate: 1, done: 2, pending: 2, isPaused: true });
    h.queue.resume();
    expect(h.sent.at(-1)).toEqual(["f2", "f3"]);
    await drainAll(h);
    expect(h.queue.stats("b1").done).toBe(4);
  });

  it("keeps the counters consistent through mixed outcomes, failures and big files", async () => {
    const h = harness({ concurrency: 2, maxAttempts: 2, group: { maxFiles: 4, fileMaxBytes: 150 } });
    const sizes = Array.from({ length: 40 }, (_, i) => (i % 7 === 3 ? 400 : 100));
    h.queue.add("b1", sized(sizes), new Set(["f0"]));
    let round = 0;
    for (let guard = 0; guard < 1000; guard++) {
      const singles = h.calls.filter((c) => c.item.status === "uploading" && !(c as Call & { done?: boolean }).done);
      const groups = h.groupCalls.filter((g) => !g.done);
      if (singles.length === 0 && groups.length === 0 && h.clock.pending === 0) break;
      for (const c of singles) {
        (c as Call & { done?: boolean }).done = true;
        c.ctx.onProgress(60);
        c.resolve({ status: round % 3 === 0 ? "duplicate" : "stored" });
      }
      for (const g of groups) {
        g.done = true;
        g.ctx.onProgress(250);
        expectConsistent(h, "b1");
        if (round++ % 2 === 1) g.reject(new UploadSendError("HTTP_502", "bad gateway", true, 502));
        else
          g.resolve(
            g.items.map((_, k) =>
              k === 1 ? { status: "rejected", error: { code: "X", message: "x" } } : { status: "stored" },
            ),
          );
      }
      await flush();
      expectConsistent(h, "b1");
      h.clock.advance(10_000);
    }
    const s = h.queue.stats("b1");
    expect(s).toMatchObject({ total: 40, pending: 0, uploading: 0, alreadyUploaded: 1 });
    expect(s.stored + s.duplicate + s.alreadyUploaded + s.rejected + s.failed).toBe(40);
    expect(s.rejected).toBeGreaterThan(0);
    expect(s.failed).toBeGreaterThan(0);
    expect(h.groupCalls.length).toBeGreaterThan(0);
    expectConsistent(h, "b1");
    const doneBytes = h.queue
      .items("b1")
      .filter((i) => ["stored", "duplicate", "already_uploaded"].includes(i.status))
      .reduce((sum, i) => sum + i.size, 0);
    expect(s.loadedBytes).toBe(doneBytes);
  });
});

describe("backoffDelay", () => {
  it("doubles from the base, caps, and adds at most 25 % jitter", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(10, () => 0, 1000, 30_000)).toBe(30_000);
    expect(backoffDelay(1, () => 0.999)).toBeLessThanOrEqual(1250);
  });
});

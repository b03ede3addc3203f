import { describe, expect, it } from "vitest";
import {
  UploadQueue,
  UploadSendError,
  backoffDelay,
  type Clock,
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

/** A controllable transport: every send waits until the test settles it. */
function harness(options: { concurrency?: number; maxAttempts?: number } = {}) {
  const calls: Call[] = [];
  let active = 0;
  let maxActive = 0;
  const clock = new FakeClock();
  const queue = new UploadQueue<string>({
    concurrency: options.concurrency ?? 3,
    maxAttempts: options.maxAttempts ?? 5,
    baseDelayMs: 1000,
    random: () => 0.5,
    clock,
    send: (item, ctx) =>
      new Promise<SendOutcome>((resolve, reject) => {
        active++;
        maxActive = Math.max(maxActive, active);
        const settle = () => active--;
        calls.push({
          item,
          ctx,
          resolve: (o) => {
            settle();
            resolve(o);
          },
          reject: (e) => {
            settle();
            reject(e);
          },
        });
        ctx.signal.addEventListener("abort", () => {
          settle();
          reject(new UploadSendError("ABORTED", "aborted", false));
        });
      }),
  });
  return { queue, calls, clock, maxActive: () => maxActive, active: () => active };
}

const files = (n: number, prefix = "f") =>
  Array.from({ length: n }, (_, i) => ({
    uploadId: `${prefix}${i}`,
    file: `${prefix}${i}`,
    name: `${prefix}${i}.jpg`,
    relativePath: `DIR/${prefix}${i}.jpg`,
    size: 100,
  }));

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

describe("backoffDelay", () => {
  it("doubles from the base, caps, and adds at most 25 % jitter", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(10, () => 0, 1000, 30_000)).toBe(30_000);
    expect(backoffDelay(1, () => 0.999)).toBeLessThanOrEqual(1250);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RenderClock } from "@/components/batches/queue-render-clock";
import { UploadQueue, type SendOutcome } from "@/lib/browser/uploads/upload-queue";

describe("RenderClock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const upload = (i: number) => ({
    uploadId: `u${i}`,
    file: `f${i}`,
    name: `${i}.jpg`,
    relativePath: `${i}.jpg`,
    size: 1,
  });

  it("ticks once per interval for every reader together, however often the queue emits", () => {
    // A send that never settles: each add emits, nothing else does.
    const queue = new UploadQueue<string>({ send: () => new Promise<SendOutcome>(() => {}) });
    const clock = new RenderClock(queue as unknown as UploadQueue<File>, 500);
    const seen: Array<[reader: string, version: number]> = [];
    const stopA = clock.subscribe(() => seen.push(["a", clock.getVersion()]));
    const stopB = clock.subscribe(() => seen.push(["b", clock.getVersion()]));

    for (let i = 0; i < 50; i++) queue.add("b1", [upload(i)]);
    expect(seen).toEqual([]);
    // The first emit after a quiet spell paints at once (next turn), the 50 together.
    vi.advanceTimersByTime(0);
    expect(seen).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
    // Emits 100 ms later wait for the rest of the interval.
    vi.advanceTimersByTime(100);
    for (let i = 50; i < 60; i++) queue.add("b1", [upload(i)]);
    vi.advanceTimersByTime(399);
    expect(clock.getVersion()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(clock.getVersion()).toBe(2);
    expect(seen).toHaveLength(4);

    // The last reader gone: the clock leaves the queue and its pending tick.
    stopA();
    stopB();
    queue.add("b1", [upload(60)]);
    vi.advanceTimersByTime(1000);
    expect(clock.getVersion()).toBe(2);
  });
});

"use client";

import { useSyncExternalStore } from "react";
import type { UploadQueue } from "@/lib/browser/uploads/upload-queue";

/**
 * One re-render clock per queue, shared by every component that shows it: the queue emits on each
 * progress event, the clock ticks at most every `intervalMs`, and all its readers re-render
 * in the same React batch (one frame per tick; with a timer per component the page list, each card
 * and the queue bar re-rendered at different moments, each a frame of its own).
 */
export class RenderClock {
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = 0;
  private readonly listeners = new Set<() => void>();
  private unsubscribeQueue: (() => void) | null = null;

  constructor(
    private readonly queue: UploadQueue<File>,
    private readonly intervalMs: number,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.unsubscribeQueue ??= this.queue.subscribe(this.schedule);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unsubscribeQueue?.();
      this.unsubscribeQueue = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    };
  };

  readonly getVersion = (): number => this.version;

  private readonly schedule = () => {
    if (this.timer) return;
    this.timer = setTimeout(this.tick, Math.max(0, this.intervalMs - (Date.now() - this.last)));
  };

  private readonly tick = () => {
    this.timer = null;
    this.last = Date.now();
    this.version++;
    for (const listener of this.listeners) listener();
  };
}

const clocks = new WeakMap<UploadQueue<File>, RenderClock>();

/** The queue's one clock (created on first use). */
export function clockFor(queue: UploadQueue<File>, intervalMs: number): RenderClock {
  let clock = clocks.get(queue);
  if (!clock) {
    clock = new RenderClock(queue, intervalMs);
    clocks.set(queue, clock);
  }
  return clock;
}

const serverVersion = () => 0;

/** The clock's version; the component re-renders on each tick. */
export function useRenderClock(clock: RenderClock): number {
  return useSyncExternalStore(clock.subscribe, clock.getVersion, serverVersion);
}

import "server-only";
import type { ThroughputPoint } from "./schemas";

/** Jobs of one queue that ended in one minute (a GROUP BY date_trunc('minute', completed_on) row). */
export type MinuteCount = { queue: string; minute: Date; completed: number; failed: number };

const MINUTE_MS = 60_000;

/** The first minute of a window of `minutes` minutes ending with the minute `now` is in. */
export function seriesStart(now: Date, minutes: number): Date {
  return new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS - (minutes - 1) * MINUTE_MS);
}

/**
 * One point per minute and queue over the last `minutes` minutes (the current, partial minute
 * last), minutes with nothing filled with zeros, plus the sum over queues. Rows outside the window
 * are ignored; a queue with no rows still gets its zeros.
 */
export function perMinuteSeries(
  rows: readonly MinuteCount[],
  queueNames: readonly string[],
  now: Date,
  minutes: number,
): { from: Date; queues: { name: string; points: ThroughputPoint[] }[]; total: ThroughputPoint[] } {
  const from = seriesStart(now, minutes);
  const slot = (minute: Date) => Math.floor((minute.getTime() - from.getTime()) / MINUTE_MS);
  const empty = () =>
    Array.from({ length: minutes }, (_, i) => ({
      minute: new Date(from.getTime() + i * MINUTE_MS).toISOString(),
      completed: 0,
      failed: 0,
    }));
  const byQueue = new Map<string, ThroughputPoint[]>();
  for (const name of [...queueNames, ...rows.map((r) => r.queue)]) if (!byQueue.has(name)) byQueue.set(name, empty());
  const total = empty();
  for (const row of rows) {
    const i = slot(row.minute);
    if (i < 0 || i >= minutes) continue;
    const point = byQueue.get(row.queue)![i]!;
    point.completed += row.completed;
    point.failed += row.failed;
    total[i]!.completed += row.completed;
    total[i]!.failed += row.failed;
  }
  return {
    from,
    queues: [...byQueue].map(([name, points]) => ({ name, points })).sort((a, b) => a.name.localeCompare(b.name)),
    total,
  };
}

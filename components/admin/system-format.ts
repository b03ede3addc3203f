/** Formatting shared by the Sistema page's components (pure). */

/** "45 s", "12 min", "2 h 5 min", "3 d 4 h" in the reader's locale. */
export function formatDuration(totalSeconds: number, locale: string): string {
  const unit = (value: number, name: "second" | "minute" | "hour" | "day") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "narrow" }).format(value);
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return unit(s, "second");
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return unit(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${unit(hours, "hour")} ${unit(minutes % 60, "minute")}` : unit(hours, "hour");
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${unit(days, "day")} ${unit(hours % 24, "hour")}` : unit(days, "day");
}

/** Message keys (system.queues.labels.*) of the queues Vitrine creates; another queue shows its name. */
const QUEUE_LABELS = {
  "image.process": "imageProcess",
  "batch.url-chunk": "urlChunk",
  "ai.run": "aiRun",
  "carteira.import": "carteiraImport",
  reconcile: "reconcile",
  "bulk-image-action": "bulkImageAction",
} as const;

export type QueueLabelKey = (typeof QUEUE_LABELS)[keyof typeof QUEUE_LABELS];

export function queueLabelKey(name: string): QueueLabelKey | null {
  return Object.hasOwn(QUEUE_LABELS, name) ? QUEUE_LABELS[name as keyof typeof QUEUE_LABELS] : null;
}

/** A round upper bound for a chart's axis: 1, 2, 5 × 10^n at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

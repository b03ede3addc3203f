/** Retry delays of a photo after a retryable provider error (5xx, timeout, network, 429). */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 60_000;

/**
 * Exponential backoff with full jitter (AWS architecture blog): a uniformly random delay between 0
 * and min(cap, base × 2^(attempt − 1)), so photos that failed together do not retry together.
 * `attempt` is the attempt that just failed (1 for the first).
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

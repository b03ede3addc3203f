import "server-only";
import { NETWORK_ERROR_CATEGORIES } from "../url-chunks/error-categories";
import { IMAGE_PROCESSING, type HealthStatus, type RecommendationCode } from "./schemas";

/**
 * The health score of a batch (seed 004's `health_score`): pure, from facts the queries gather.
 *
 * - success rate: successful ÷ finished items (URL batches: stored + duplicate over stored +
 *   duplicate + failed URLs; upload batches: processed over processed + failed photos — items
 *   still waiting are not judged yet);
 * - processing speed: this batch's items/min against the median of the last NORM_WINDOW finished
 *   batches of the same source (fetching is network-bound, uploads CPU-bound: one norm each);
 *   at least 80 % of the norm scores 100, slower falls linearly to 0;
 * - error patterns: 100 less fixed penalties for one category dominating the failures, blocked
 *   addresses in the list, and failures rising in the latest chunk.
 *
 * A component that cannot be measured yet (nothing finished, no norm) is left out and the other
 * weights are scaled up. A batch failing more than half of its items is `critico` whatever its speed.
 */

export const WEIGHTS = { success_rate: 0.6, processing_speed: 0.2, error_patterns: 0.2 } as const;

/**
 * Finished batches the speed norm is the median of. Ten: the median of ten ignores one or two
 * outliers (a batch of a slow supplier, one run while the machine was busy), and ten recent runs
 * follow a change of configuration or machine within a day or two; fewer than NORM_MIN_BATCHES
 * gives no norm (the speed is left out).
 */
export const NORM_WINDOW = 10;
export const NORM_MIN_BATCHES = 3;
/** Below this many finished items (or a minute of run) a batch's own rate is noise. */
export const SPEED_MIN_ITEMS = 10;
/** At or above this share of the norm the speed scores 100. */
export const SPEED_FULL_RATIO = 0.8;

export const PENALTY = { dominantCategory: 25, blockedAddresses: 25, risingFailures: 40 } as const;
/** A category dominates at this share of the failures, once there are DOMINANT_MIN_FAILURES of them. */
export const DOMINANT_SHARE = 0.6;
export const DOMINANT_MIN_FAILURES = 5;
/** A chunk needs this many finished URLs (and so do the chunks before it) to compare failure rates. */
export const RISING_MIN_ITEMS = 20;
/** Rising: the latest chunk fails at least this many points more, and at least twice as often, as before. */
export const RISING_MIN_POINTS = 20;
export const LOW_SUCCESS_RATE = 90;
export const HOST_MIN_FAILURES = 3;

export const STATUS_THRESHOLDS = { saudavel: 80, atencao: 50 } as const;

/** URL failure categories retried by "reprocessar falhas de rede" (lib/batches/url-chunks). */
export const NETWORK_CATEGORIES: readonly string[] = NETWORK_ERROR_CATEGORIES;

export type ChunkFacts = { number: number; finished: number; failed: number };
export type HostFacts = { host: string; failed: number; byCategory: Record<string, number> };

export type HealthInput = {
  successful: number;
  failed: number;
  /** This batch's items per minute, or null when it has not run long enough to tell. */
  itemsPerMinute: number | null;
  /** Items per minute of the last finished batches of the same source (at most NORM_WINDOW). */
  normRates: readonly number[];
  /** URL failures by category (BatchUrl.errorCategory); for upload batches, empty. */
  urlFailures: Readonly<Record<string, number>>;
  /** Photos whose processing failed, by processingErrorCode. */
  processingFailures: Readonly<Record<string, number>>;
  /** URL batches' chunks in order, with their finished and failed URLs. */
  chunks: readonly ChunkFacts[];
  /** The hosts with the most failed URLs, most first. */
  hosts: readonly HostFacts[];
};

export type Recommendation = { code: RecommendationCode; params: Record<string, string | number> };

export function rec(code: RecommendationCode, params: Recommendation["params"] = {}): Recommendation {
  return { code, params };
}

export type HealthReport = {
  healthScore: number | null;
  status: HealthStatus;
  successRate: number | null;
  factors: { success_rate: number | null; processing_speed: number | null; error_patterns: number | null };
  speed: { itemsPerMinute: number | null; norm: number | null; normBatches: number; ratio: number | null };
  patterns: {
    dominantCategory: string | null;
    dominantShare: number | null;
    blockedCount: number;
    rising: { chunkNumber: number; failureRate: number; previousFailureRate: number } | null;
  };
  recommendations: Recommendation[];
};

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The speed component: 100 at SPEED_FULL_RATIO of the norm or faster, linear below. */
export function speedScore(ratio: number): number {
  return round1(clamp((ratio / SPEED_FULL_RATIO) * 100, 0, 100));
}

/** The category with the largest share of the failures, when it dominates them. */
export function dominantCategory(
  failures: Readonly<Record<string, number>>,
): { category: string; share: number } | null {
  const total = sum(Object.values(failures));
  if (total < DOMINANT_MIN_FAILURES) return null;
  let best: [string, number] | null = null;
  for (const entry of Object.entries(failures)) if (!best || entry[1] > best[1]) best = entry;
  if (!best) return null;
  const share = best[1] / total;
  return share >= DOMINANT_SHARE ? { category: best[0], share: round1(share * 100) } : null;
}

/**
 * Failures rising in the latest chunk: the highest-numbered chunk with enough finished URLs fails at
 * least RISING_MIN_POINTS points more, and twice as often, as all the chunks before it together.
 */
export function risingFailures(
  chunks: readonly ChunkFacts[],
): { chunkNumber: number; failureRate: number; previousFailureRate: number } | null {
  const ordered = [...chunks].sort((a, b) => a.number - b.number);
  let latestIndex = -1;
  for (let i = ordered.length - 1; i >= 0; i--)
    if (ordered[i]!.finished >= RISING_MIN_ITEMS) {
      latestIndex = i;
      break;
    }
  if (latestIndex <= 0) return null;
  const latest = ordered[latestIndex]!;
  const before = ordered.slice(0, latestIndex);
  const beforeFinished = sum(before.map((c) => c.finished));
  if (beforeFinished < RISING_MIN_ITEMS) return null;
  const rate = (latest.failed / latest.finished) * 100;
  const previous = (sum(before.map((c) => c.failed)) / beforeFinished) * 100;
  if (rate - previous < RISING_MIN_POINTS || rate < previous * 2) return null;
  return { chunkNumber: latest.number, failureRate: round1(rate), previousFailureRate: round1(previous) };
}

export function healthStatus(score: number | null): HealthStatus {
  if (score === null) return "sem_dados";
  if (score >= STATUS_THRESHOLDS.saudavel) return "saudavel";
  if (score >= STATUS_THRESHOLDS.atencao) return "atencao";
  return "critico";
}

/** The host most of one category's failures come from, when it holds at least half of them. */
export function topHostFor(
  hosts: readonly HostFacts[],
  category: string,
  total: number,
): { host: string; count: number } | null {
  let best: { host: string; count: number } | null = null;
  for (const host of hosts) {
    const n = host.byCategory[category] ?? 0;
    if (n > (best?.count ?? 0)) best = { host: host.host, count: n };
  }
  return best && best.count >= HOST_MIN_FAILURES && best.count * 2 >= total ? best : null;
}

export function computeHealth(input: HealthInput): HealthReport {
  const finished = input.successful + input.failed;
  const successRate = finished > 0 ? round1((input.successful / finished) * 100) : null;

  const norm = input.normRates.length >= NORM_MIN_BATCHES ? median(input.normRates) : null;
  const ratio = norm !== null && norm > 0 && input.itemsPerMinute !== null ? input.itemsPerMinute / norm : null;
  const speed = ratio === null ? null : speedScore(ratio);

  const urlFailed = sum(Object.values(input.urlFailures));
  const processingFailed = sum(Object.values(input.processingFailures));
  // URL batches: the URL categories, the photos that failed processing as IMAGE_PROCESSING;
  // upload batches: the photos' failure codes.
  const categories =
    urlFailed > 0 ? { ...input.urlFailures, [IMAGE_PROCESSING]: processingFailed } : input.processingFailures;
  const dominant = finished > 0 ? dominantCategory(categories) : null;
  const blockedCount = input.urlFailures.BLOCKED_ADDRESS ?? 0;
  const rising = risingFailures(input.chunks);
  const patterns =
    finished === 0
      ? null
      : clamp(
          100 -
            (dominant ? PENALTY.dominantCategory : 0) -
            (blockedCount > 0 ? PENALTY.blockedAddresses : 0) -
            (rising ? PENALTY.risingFailures : 0),
          0,
          100,
        );

  const parts = [
    [successRate, WEIGHTS.success_rate],
    [speed, WEIGHTS.processing_speed],
    [patterns, WEIGHTS.error_patterns],
  ] as const;
  const weight = sum(parts.filter(([v]) => v !== null).map(([, w]) => w));
  let score: number | null = null;
  if (successRate !== null && weight > 0) {
    score = sum(parts.map(([v, w]) => (v === null ? 0 : v * w))) / weight;
    if (successRate < 50) score = Math.min(score, STATUS_THRESHOLDS.atencao - 1);
    score = round1(clamp(score, 0, 100));
  }

  const recommendations: Recommendation[] = [];
  if (finished === 0) recommendations.push(rec("NO_DATA", {}));
  else {
    if (successRate !== null && successRate < LOW_SUCCESS_RATE)
      recommendations.push(rec("LOW_SUCCESS_RATE", { rate: successRate }));
    if (ratio !== null && ratio < SPEED_FULL_RATIO && norm !== null)
      recommendations.push(
        rec("SLOW_PROCESSING", {
          percent: Math.round(ratio * 100),
          norm: round1(norm),
          batches: input.normRates.length,
        }),
      );
    if (rising)
      recommendations.push(
        rec("RISING_FAILURES", {
          chunk: rising.chunkNumber,
          rate: rising.failureRate,
          previous: rising.previousFailureRate,
        }),
      );
    if (dominant)
      recommendations.push(rec("DOMINANT_CATEGORY", { category: dominant.category, share: dominant.share }));
    if (blockedCount > 0) recommendations.push(rec("BLOCKED_ADDRESSES", { count: blockedCount }));
    const slowHost = topHostFor(input.hosts, "TIMEOUT", input.urlFailures.TIMEOUT ?? 0);
    if (slowHost) recommendations.push(rec("HOST_SLOW", { host: slowHost.host, count: slowHost.count }));
    const failingHost = input.hosts[0];
    if (
      failingHost &&
      failingHost.host !== slowHost?.host &&
      failingHost.failed >= HOST_MIN_FAILURES &&
      failingHost.failed * 2 >= urlFailed
    )
      recommendations.push(
        rec("HOST_FAILING", {
          host: failingHost.host,
          count: failingHost.failed,
          share: round1((failingHost.failed / urlFailed) * 100),
        }),
      );
    const network = sum(NETWORK_CATEGORIES.map((c) => input.urlFailures[c] ?? 0));
    if (network > 0) recommendations.push(rec("NETWORK_RETRY", { count: network }));
    if (processingFailed > 0) recommendations.push(rec("PROCESSING_FAILURES", { count: processingFailed }));
    if (recommendations.length === 0) recommendations.push(rec("HEALTHY", {}));
  }

  return {
    healthScore: score,
    status: healthStatus(score),
    successRate,
    factors: { success_rate: successRate, processing_speed: speed, error_patterns: patterns },
    speed: {
      itemsPerMinute: input.itemsPerMinute === null ? null : round1(input.itemsPerMinute),
      norm: norm === null ? null : round1(norm),
      normBatches: input.normRates.length,
      ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    },
    patterns: {
      dominantCategory: dominant?.category ?? null,
      dominantShare: dominant?.share ?? null,
      blockedCount,
      rising,
    },
    recommendations,
  };
}

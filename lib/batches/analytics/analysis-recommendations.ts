import "server-only";
import { NETWORK_CATEGORIES, rec, topHostFor, type HostFacts, type Recommendation } from "./health-score";
import { IMAGE_PROCESSING, type RecommendationCode } from "./schemas";

/** What to do about each failure category (URL categories, and IMAGE_PROCESSING for failed photos) (the error analysis lists one per category present). */
export const CATEGORY_RECOMMENDATION: Readonly<Record<string, RecommendationCode>> = {
  INVALID_URL: "FIX_INVALID_URLS",
  BLOCKED_ADDRESS: "BLOCKED_ADDRESSES",
  DNS: "CHECK_DNS",
  REFUSED: "HOST_REFUSING",
  TIMEOUT: "HOST_SLOW",
  HTTP_4XX: "CHECK_LINKS",
  HTTP_5XX: "SOURCE_SERVER_ERRORS",
  TOO_LARGE: "FILES_TOO_LARGE",
  NOT_IMAGE: "NOT_IMAGES",
  REDIRECT_LOOP: "REDIRECT_LOOPS",
  NETWORK: "NETWORK_RETRY",
  PROCESSING: "STORAGE_FAILURES",
  IMAGE_PROCESSING: "PROCESSING_FAILURES",
};

export type AnalysisFacts = {
  /** URL failures by category. */
  urlFailures: Readonly<Record<string, number>>;
  /** Failed photos by processing error code. */
  processingFailures: Readonly<Record<string, number>>;
  /** The most common HTTP status of the HTTP_4XX failures. */
  topClientStatus: number | null;
  hosts: readonly HostFacts[];
};

/**
 * The error analysis's recommendations, most failures first: one per category present (TIMEOUT
 * names the slow host when one holds most timeouts), then "reprocessar falhas de rede" when any
 * network failure can be retried. No failure: HEALTHY.
 */
export function analysisRecommendations(facts: AnalysisFacts): Recommendation[] {
  const processing = Object.values(facts.processingFailures).reduce((a, b) => a + b, 0);
  const categories: [string, number][] = Object.entries(facts.urlFailures).filter(([, n]) => n > 0);
  if (processing > 0) {
    categories.push([IMAGE_PROCESSING, processing]);
  }
  categories.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const result: Recommendation[] = [];
  for (const [category, count] of categories) {
    const code = CATEGORY_RECOMMENDATION[category];
    if (!code || code === "NETWORK_RETRY") continue;
    if (code === "HOST_SLOW") {
      const host = topHostFor(facts.hosts, "TIMEOUT", count);
      result.push(host ? rec("HOST_SLOW", { host: host.host, count: host.count }) : rec("TIMEOUTS", { count }));
    } else if (code === "CHECK_LINKS") {
      result.push({ code, params: { count, status: facts.topClientStatus ?? 404 } });
    } else result.push({ code, params: { count } });
  }
  const network = NETWORK_CATEGORIES.reduce((n, c) => n + (facts.urlFailures[c] ?? 0), 0);
  if (network > 0) result.push(rec("NETWORK_RETRY", { count: network }));
  if (result.length === 0) result.push(rec("HEALTHY", {}));
  return result;
}

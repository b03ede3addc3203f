import type { UrlErrorCategory } from "@/lib/generated/prisma/enums";
import type { ErrorCode } from "@/lib/errors/error-codes";

/**
 * Why a URL of a URL batch failed, as stored on its row (`errorCategory`, `errorCode`, `httpStatus`):
 * the fetcher's refusals (lib/url-fetch, `UrlFetchError` codes) and the upload pipeline's refusals of
 * what came back. Pure, so the mapping is unit-tested.
 */
export type UrlFailure = { category: UrlErrorCategory; code: ErrorCode; httpStatus: number | null };

/** The failures "reprocessar falhas de rede" retries: the source may answer next time. */
export const NETWORK_ERROR_CATEGORIES = [
  "DNS",
  "REFUSED",
  "TIMEOUT",
  "HTTP_5XX",
  "NETWORK",
] as const satisfies readonly UrlErrorCategory[];

export function isNetworkCategory(category: UrlErrorCategory | null): boolean {
  return category !== null && (NETWORK_ERROR_CATEGORIES as readonly string[]).includes(category);
}

const FETCH_CATEGORIES: Partial<Record<ErrorCode, UrlErrorCategory>> = {
  URL_INVALID: "INVALID_URL",
  URL_SCHEME_REFUSED: "INVALID_URL",
  URL_CREDENTIALS_REFUSED: "INVALID_URL",
  URL_ADDRESS_BLOCKED: "BLOCKED_ADDRESS",
  URL_DNS_FAILED: "DNS",
  URL_CONNECTION_REFUSED: "REFUSED",
  URL_TIMEOUT: "TIMEOUT",
  URL_TOO_LARGE: "TOO_LARGE",
  URL_TOO_MANY_REDIRECTS: "REDIRECT_LOOP",
  URL_FETCH_FAILED: "NETWORK",
};

/** A `UrlFetchError` (its code and details) as a stored failure; an HTTP error keeps its status. */
export function categorizeFetchError(code: ErrorCode, details: Record<string, string | number>): UrlFailure {
  if (code === "URL_HTTP_ERROR") {
    const status = Number(details.status);
    return { category: status >= 500 ? "HTTP_5XX" : "HTTP_4XX", code, httpStatus: status };
  }
  return { category: FETCH_CATEGORIES[code] ?? "NETWORK", code, httpStatus: null };
}

/**
 * What the upload pipeline's refusal of a downloaded body means for its URL (`ApiError` code and
 * `details.code`): not an image by its bytes, empty, over the size limit; a storage outage is the
 * server's own failure (retried with the failed processing).
 */
export function categorizeStoreRefusal(code: string, detailCode: string | undefined): UrlFailure {
  if (code === "UNSUPPORTED_MEDIA_TYPE") return { category: "NOT_IMAGE", code: "URL_NOT_IMAGE", httpStatus: null };
  if (detailCode === "EMPTY_FILE") return { category: "NOT_IMAGE", code: "URL_EMPTY", httpStatus: null };
  if (code === "PAYLOAD_TOO_LARGE") return { category: "TOO_LARGE", code: "URL_TOO_LARGE", httpStatus: null };
  if (code === "SERVICE_UNAVAILABLE") return { category: "PROCESSING", code: "URL_STORAGE_FAILED", httpStatus: null };
  // The body stopped before its end (the connection dropped mid-transfer).
  return { category: "NETWORK", code: "URL_FETCH_FAILED", httpStatus: null };
}

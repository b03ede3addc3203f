import type { RateLimitHeaders } from "./types";

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/**
 * OpenAI's reset durations (`12ms`, `1.5s`, `6m0s`, `1h2m3s`) in ms; a bare number is seconds.
 * Undefined for anything else.
 */
export function parseDurationMs(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? Math.round(total) : undefined;
}

/** `Retry-After` (seconds or an HTTP date) or `retry-after-ms`, in ms; undefined when absent or unreadable. */
export function parseRetryAfterMs(headers: Headers | null | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function integer(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The x-ratelimit-* headers of a reply; null when the server sends none. */
export function parseRateLimitHeaders(headers: Headers | null | undefined): RateLimitHeaders | null {
  if (!headers) return null;
  const parsed: RateLimitHeaders = {
    limitRequests: integer(headers, "x-ratelimit-limit-requests"),
    remainingRequests: integer(headers, "x-ratelimit-remaining-requests"),
    resetRequestsMs: parseDurationMs(headers.get("x-ratelimit-reset-requests")),
    limitTokens: integer(headers, "x-ratelimit-limit-tokens"),
    remainingTokens: integer(headers, "x-ratelimit-remaining-tokens"),
    resetTokensMs: parseDurationMs(headers.get("x-ratelimit-reset-tokens")),
  };
  const present = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as RateLimitHeaders;
  return Object.keys(present).length > 0 ? present : null;
}

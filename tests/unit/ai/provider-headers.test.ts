import { describe, expect, it } from "vitest";
import { classifyHttpError, redactSecrets } from "@/lib/ai/provider/classify-error";
import { parseDurationMs, parseRateLimitHeaders, parseRetryAfterMs } from "@/lib/ai/provider/rate-limit-headers";

describe("parseDurationMs (x-ratelimit-reset-*)", () => {
  it.each([
    ["12ms", 12],
    ["1s", 1000],
    ["1.5s", 1500],
    ["6m0s", 360_000],
    ["1m30.5s", 90_500],
    ["1h2m3s", 3_723_000],
    ["2", 2000],
    ["500us", 1],
  ])("%s → %d ms", (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(["", "soon", "5 minutes", "1x", "m", null, undefined])("%s → undefined", (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe("parseRetryAfterMs", () => {
  it("reads seconds, retry-after-ms and an HTTP date", () => {
    expect(parseRetryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "3", "retry-after-ms": "2500" }))).toBe(2500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }), now)).toBe(10_000);
    expect(parseRetryAfterMs(new Headers({ "retry-after": "later" }))).toBeUndefined();
    expect(parseRetryAfterMs(new Headers())).toBeUndefined();
  });
});

describe("parseRateLimitHeaders", () => {
  it("reads the six x-ratelimit headers, resets in ms", () => {
    const headers = new Headers({
      "x-ratelimit-limit-requests": "500",
      "x-ratelimit-remaining-requests": "499",
      "x-ratelimit-reset-requests": "120ms",
      "x-ratelimit-limit-tokens": "200000",
      "x-ratelimit-remaining-tokens": "199000",
      "x-ratelimit-reset-tokens": "6m0s",
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      resetRequestsMs: 120,
      limitTokens: 200_000,
      remainingTokens: 199_000,
      resetTokensMs: 360_000,
    });
  });

  it("is null without them and skips unreadable ones", () => {
    expect(parseRateLimitHeaders(new Headers({ "content-type": "application/json" }))).toBeNull();
    expect(
      parseRateLimitHeaders(
        new Headers({ "x-ratelimit-limit-requests": "lots", "x-ratelimit-remaining-requests": "3" }),
      ),
    ).toEqual({
      remainingRequests: 3,
    });
  });
});

describe("classifyHttpError", () => {
  const body = (code: string | null, type: string, message = "m") => ({ error: { message, type, param: null, code } });

  it.each([
    [401, body("invalid_api_key", "invalid_request_error"), "auth"],
    [403, body(null, "invalid_request_error"), "auth"],
    [429, body("rate_limit_exceeded", "requests"), "rate_limit"],
    [429, body("insufficient_quota", "insufficient_quota"), "quota"],
    [500, body(null, "server_error"), "server"],
    [503, null, "server"],
    [408, null, "timeout"],
    [400, body(null, "invalid_request_error"), "bad_request"],
    [404, body("model_not_found", "invalid_request_error"), "bad_request"],
  ])("HTTP %d → %s", (status, errorBody, kind) => {
    expect(classifyHttpError(status, errorBody).kind).toBe(kind);
  });

  it("takes the wait of a 429 from Retry-After, else from the exhausted limit's reset", () => {
    expect(classifyHttpError(429, null, new Headers({ "retry-after": "3" })).details.retryAfterMs).toBe(3000);
    const resets = new Headers({
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "1.2s",
      "x-ratelimit-remaining-tokens": "5000",
      "x-ratelimit-reset-tokens": "30s",
    });
    expect(classifyHttpError(429, null, resets).details.retryAfterMs).toBe(1200);
    expect(classifyHttpError(429, null, new Headers()).details.retryAfterMs).toBeUndefined();
  });

  it("never repeats an API key the server echoed", () => {
    const error = classifyHttpError(400, body(null, "invalid_request_error", "Bad key sk-proj-abcdef123456 here"));
    expect(error.message).not.toContain("sk-proj-abcdef123456");
    expect(redactSecrets("Incorrect API key provided: sk-abc***wxyz.")).toBe("Incorrect API key provided: [chave]");
  });
});

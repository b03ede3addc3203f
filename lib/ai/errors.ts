/**
 * How a provider call failed, decided from the HTTP status and the error body (lib/ai/provider
 * classifies every error of the `openai` client into one kind). The key pool and the run engine act
 * on the kind: `auth` invalidates the key, `rate_limit` cools it down for `retryAfterMs`, `quota`
 * (429 insufficient_quota) takes the key out like `auth`, `server`/`timeout`/`network` are retried
 * with backoff, `invalid_reply` and `bad_request` fail the item without retrying.
 */
export const AI_ERROR_KINDS = [
  "auth",
  "rate_limit",
  "quota",
  "server",
  "timeout",
  "network",
  "invalid_reply",
  "bad_request",
] as const;
export type AiErrorKind = (typeof AI_ERROR_KINDS)[number];

export class AiCallError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; durationMs?: number } = {},
  ) {
    super(message);
    this.name = "AiCallError";
  }

  /** Worth another attempt (with backoff, maybe on another key). */
  get isRetryable(): boolean {
    return this.kind === "server" || this.kind === "timeout" || this.kind === "network" || this.kind === "rate_limit";
  }
}

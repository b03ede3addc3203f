import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { ApiError } from "./errors";

/**
 * API request limits, counted in PostgreSQL (the login limiter's "RateLimit" table, keys prefixed
 * `api_`) so every instance shares them. Fixed windows, like rate-limiter-flexible's: a key counts
 * requests until its window expires, then starts again at 1.
 *
 * - per API token (seed 004: 1,000 requests an hour): a quota for automation, which can send many
 *   files per upload request;
 * - per client IP, whatever the credentials: a flood guard set far above what the browser UI sends
 *   (one request per file, 4 at a time, and a progress poll every 2 s), so the UI is never throttled.
 *
 * All keys of a request are counted by one SQL statement: one database round trip per request.
 */
export type RateLimits = { tokenPerHour: number; ipPerMinute: number };
export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };

type Counter = { key: string; limit: number; windowSeconds: number };

export function rateLimitsFromEnv(): RateLimits {
  const env = getEnv();
  return { tokenPerHour: env.API_RATE_LIMIT_TOKEN_PER_HOUR, ipPerMinute: env.API_RATE_LIMIT_IP_PER_MINUTE };
}

const KEY_MAX = 200;
const CLEANUP_EVERY_MS = 10 * 60_000;
let lastCleanup = Date.now();

function countersFor(caller: { ip: string; tokenHash?: string | null }, limits: RateLimits): Counter[] {
  const counters: Counter[] = [];
  // Always the IP first, then the token: every statement locks its rows in the same order.
  if (limits.ipPerMinute > 0)
    counters.push({ key: `api_ip:${caller.ip}`.slice(0, KEY_MAX), limit: limits.ipPerMinute, windowSeconds: 60 });
  if (limits.tokenPerHour > 0 && caller.tokenHash)
    counters.push({
      key: `api_token:${caller.tokenHash.slice(0, 40)}`,
      limit: limits.tokenPerHour,
      windowSeconds: 3600,
    });
  return counters;
}

/**
 * Counts one request against the caller's IP and token. Returns the state to report in
 * X-RateLimit-* headers (the token's when there is one), or throws 429 RATE_LIMITED with
 * `Retry-After` when a limit is exceeded. No limit configured → no query.
 */
export async function consumeApiRateLimit(
  caller: { ip: string; tokenHash?: string | null },
  limits: RateLimits = rateLimitsFromEnv(),
): Promise<RateLimitState | null> {
  const counters = countersFor(caller, limits);
  if (counters.length === 0) return null;
  // `expire` is a timestamp without time zone holding UTC (what Prisma writes for the login limiter).
  const rows = await getPrisma().$queryRaw<{ key: string; points: number; resetSeconds: number }[]>`
    INSERT INTO "RateLimit" ("key", "points", "expire")
    SELECT k, 1, (now() AT TIME ZONE 'UTC') + make_interval(secs => w)
    FROM unnest(${counters.map((c) => c.key)}::text[], ${counters.map((c) => c.windowSeconds)}::int[]) WITH ORDINALITY AS t(k, w, n)
    ORDER BY n
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE "RateLimit"."points" + 1 END,
      "expire" = CASE WHEN "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
    RETURNING "key", "points", ceil(extract(epoch FROM "expire" - (now() AT TIME ZONE 'UTC')))::int AS "resetSeconds"`;
  maybeCleanUp();

  let reported: RateLimitState | null = null;
  let retryAfter = 0;
  for (const counter of counters) {
    const row = rows.find((r) => r.key === counter.key);
    if (!row) continue;
    const state = {
      limit: counter.limit,
      remaining: Math.max(0, counter.limit - row.points),
      resetSeconds: Math.max(1, row.resetSeconds),
    };
    if (row.points > counter.limit) retryAfter = Math.max(retryAfter, state.resetSeconds);
    reported = state; // the last counter is the token's when there is one
  }
  if (retryAfter > 0) {
    throw new ApiError(
      "RATE_LIMITED",
      `Limite de requisições excedido. Tente novamente em ${retryAfter} s.`,
      undefined,
      {
        "Retry-After": String(retryAfter),
        ...(reported ? rateLimitHeaders({ ...reported, remaining: 0 }) : {}),
      },
    );
  }
  return reported;
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.resetSeconds),
  };
}

/** Adds X-RateLimit-* to a response, copying it when its headers are immutable. */
export function withRateLimitHeaders(response: Response, state: RateLimitState | null): Response {
  if (!state) return response;
  const headers = rateLimitHeaders(state);
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/** Windows of IPs that never came back stay as rows: drop them now and then (never on the request's path). */
function maybeCleanUp(): void {
  if (Date.now() - lastCleanup < CLEANUP_EVERY_MS) return;
  lastCleanup = Date.now();
  void getPrisma()
    .$executeRaw`DELETE FROM "RateLimit" WHERE "key" LIKE 'api\\_%' AND "expire" < (now() AT TIME ZONE 'UTC') - interval '1 hour'`.catch(
    () => undefined,
  );
}

import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { loginDelaySeconds, retryAfterSeconds } from "./login-backoff";

/**
 * Progressive login delays, per account and per IP, in PostgreSQL (every web instance shares them).
 *
 * Two records per key: `failures` counts the attempts of a series, and `wait` exists while the next
 * attempt must wait (its expiry is the wait). An attempt is counted *before* the password is checked,
 * so concurrent attempts each see their own number and a burst cannot slip between a check and a
 * count; the `wait` record is claimed atomically, so only one attempt passes when it expires.
 * A refused attempt is not counted (the owner retrying early does not lengthen the wait); a
 * successful one clears its account and gives its count back to the IP.
 */
type Dimension = { failures: RateLimiterPrisma; wait: RateLimiterPrisma; freeAttempts: number };
type Limiters = { account: Dimension; ip: Dimension; maxDelaySeconds: number };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const storeClient = getPrisma();
    // A series is remembered at least as long as its longest wait.
    const duration = Math.max(env.LOGIN_WINDOW_SECONDS, env.LOGIN_MAX_DELAY_SECONDS);
    const dimension = (name: string, freeAttempts: number): Dimension => ({
      failures: new RateLimiterPrisma({
        storeClient,
        tableName: "rateLimit",
        keyPrefix: `login_${name}`,
        points: 1_000_000_000,
        duration,
      }),
      // `points: 1`: the attempt that creates the record passes, any other before it expires is refused.
      wait: new RateLimiterPrisma({
        storeClient,
        tableName: "rateLimit",
        keyPrefix: `login_${name}_wait`,
        points: 1,
        duration: 1,
      }),
      freeAttempts,
    });
    limiters = {
      // An IP gets more room than one account: offices share addresses.
      account: dimension("account", env.LOGIN_MAX_ATTEMPTS),
      ip: dimension("ip", env.LOGIN_MAX_ATTEMPTS * 4),
      maxDelaySeconds: env.LOGIN_MAX_DELAY_SECONDS,
    };
  }
  return limiters;
}

export function resetLoginLimiters(): void {
  limiters = undefined;
}

export type LoginAttempt = { email: string; ip: string; hasIpWait: boolean };
export type LoginGate = { ok: true; attempt: LoginAttempt } | { ok: false; retryAfterSeconds: number };

type Claim = { ok: true; created: boolean } | { ok: false; msBeforeNext: number };

/** Passes the attempt numbered `ordinal` through the key's wait, and sets the wait the next one owes if this one fails. */
async function claimWait(dimension: Dimension, key: string, ordinal: number, maxDelaySeconds: number): Promise<Claim> {
  const delay = loginDelaySeconds(ordinal, dimension.freeAttempts, maxDelaySeconds);
  if (delay === 0) {
    const pending = await dimension.wait.get(key);
    return pending && pending.msBeforeNext > 0
      ? { ok: false, msBeforeNext: pending.msBeforeNext }
      : { ok: true, created: false };
  }
  try {
    const res = await dimension.wait.consume(key, 1, { customDuration: delay });
    return { ok: true, created: res.isFirstInDuration };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, msBeforeNext: error.msBeforeNext };
    throw error;
  }
}

/** Counts a login attempt and says whether it may check the password now, or how long it must wait. */
export async function beginLoginAttempt(email: string, ip: string): Promise<LoginGate> {
  const { account, ip: byIp, maxDelaySeconds } = getLimiters();
  const [accountCount, ipCount] = await Promise.all([account.failures.consume(email), byIp.failures.consume(ip)]);
  const [accountClaim, ipClaim] = await Promise.all([
    claimWait(account, email, accountCount.consumedPoints, maxDelaySeconds),
    claimWait(byIp, ip, ipCount.consumedPoints, maxDelaySeconds),
  ]);
  if (accountClaim.ok && ipClaim.ok) return { ok: true, attempt: { email, ip, hasIpWait: ipClaim.created } };

  // Refused: undo the count and any wait this attempt set, so only real attempts cost anything.
  await Promise.all([
    account.failures.reward(email, 1),
    byIp.failures.reward(ip, 1),
    accountClaim.ok && accountClaim.created ? account.wait.delete(email) : null,
    ipClaim.ok && ipClaim.created ? byIp.wait.delete(ip) : null,
  ]);
  const waitMs = Math.max(accountClaim.ok ? 0 : accountClaim.msBeforeNext, ipClaim.ok ? 0 : ipClaim.msBeforeNext);
  return { ok: false, retryAfterSeconds: retryAfterSeconds(waitMs) };
}

/** After a correct password: the account starts afresh, and the IP gets this attempt back. */
export async function recordSuccessfulLogin(attempt: LoginAttempt): Promise<void> {
  const { account, ip } = getLimiters();
  await Promise.all([
    account.failures.delete(attempt.email),
    account.wait.delete(attempt.email),
    ip.failures.reward(attempt.ip, 1),
    attempt.hasIpWait ? ip.wait.delete(attempt.ip) : null,
  ]);
}

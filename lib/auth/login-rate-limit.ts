import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";

/**
 * Failed logins are counted per account and per IP in PostgreSQL, so every web instance
 * sees the same counters. An IP gets more room than one account (offices share addresses).
 */
type Limiters = { account: RateLimiterPrisma; ip: RateLimiterPrisma };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const env = getEnv();
    const common = { storeClient: getPrisma(), tableName: "rateLimit", duration: env.LOGIN_WINDOW_SECONDS };
    limiters = {
      account: new RateLimiterPrisma({ ...common, keyPrefix: "login_account", points: env.LOGIN_MAX_ATTEMPTS }),
      ip: new RateLimiterPrisma({ ...common, keyPrefix: "login_ip", points: env.LOGIN_MAX_ATTEMPTS * 4 }),
    };
  }
  return limiters;
}

export function resetLoginLimiters(): void {
  limiters = undefined;
}

/** True when this account or IP has used up its failed attempts. */
export async function isLoginBlocked(email: string, ip: string): Promise<boolean> {
  const { account, ip: byIp } = getLimiters();
  const [a, b] = await Promise.all([account.get(email), byIp.get(ip)]);
  const used = (res: RateLimiterRes | null, max: number) => (res?.consumedPoints ?? 0) >= max;
  return used(a, account.points) || used(b, byIp.points);
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = getLimiters();
  // consume() rejects once the limit is passed; the attempt is still counted, which is all we need.
  await Promise.allSettled([account.consume(email), byIp.consume(ip)]);
}

export async function clearFailedLogins(email: string): Promise<void> {
  await getLimiters().account.delete(email);
}

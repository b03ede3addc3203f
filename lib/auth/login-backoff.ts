import "server-only";
/**
 * How long the next login must wait after the `failures`-th failure of a series: nothing for the
 * first `freeAttempts`, then 1 s, 2 s, 4 s … up to `maxDelaySeconds`. An attacker is slowed to a
 * crawl while the owner, who knows the password, waits at most `maxDelaySeconds` once.
 */
export function loginDelaySeconds(failures: number, freeAttempts: number, maxDelaySeconds: number): number {
  const beyond = failures - freeAttempts;
  if (beyond <= 0) return 0;
  // 2^30 s is already far past any cap; stop there so the power stays a small integer.
  return Math.min(2 ** Math.min(beyond - 1, 30), maxDelaySeconds);
}

/** Seconds for a `Retry-After` header: whole seconds, at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The API's pt-BR message for a refused login (the form words it through next-intl). */
export function loginWaitMessage(seconds: number): string {
  return `Muitas tentativas. Tente novamente em ${seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`}.`;
}

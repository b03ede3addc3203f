import { getPrisma } from "./client";
import { isDatabaseUnavailable } from "./is-database-unavailable";

/**
 * Resolves true once the database answers again, false when `timeoutMs` passes or `shouldStop`
 * says to give up first (the process is shutting down). Any other error than "unavailable" means
 * the database answers, so it ends the wait too.
 */
export async function waitForDatabase(options: {
  timeoutMs: number;
  shouldStop?: () => boolean;
  intervalMs?: number;
}): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.shouldStop?.()) return false;
    try {
      await getPrisma().$queryRaw`SELECT 1`;
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) return true;
    }
    if (Date.now() + (options.intervalMs ?? 500) > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

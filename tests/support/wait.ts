import { getPrisma } from "@/lib/db/client";

/**
 * Reads every 100 ms until `done(value)` holds and returns that value; after `timeoutMs` throws
 * with what `stuck()` says about where things stand (so a timeout names the state it stopped in).
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  stuck: (last: T) => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${await stuck(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls `check` every 100 ms until it holds; throws (naming `what`) after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000, what = "condition"): Promise<void> {
  await pollUntil(check, Boolean, timeoutMs, () => `waiting for ${what}`);
}

/** Waits for the batch to reach one of `statuses`; the error says where it was stuck. */
export async function waitForBatch(batchId: string, statuses: string[], timeoutMs = 60_000) {
  const prisma = getPrisma();
  return pollUntil(
    () => prisma.batch.findUniqueOrThrow({ where: { id: batchId } }),
    (batch) => statuses.includes(batch.status),
    timeoutMs,
    async (batch) => {
      const urls = await prisma.batchUrl.groupBy({ by: ["status"], where: { batchId }, _count: { _all: true } });
      return `batch ${batchId} is ${batch.status}, not ${statuses.join("/")}; URLs ${JSON.stringify(urls.map((u) => [u.status, u._count._all]))}`;
    },
  );
}

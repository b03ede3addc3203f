import pLimit, { type LimitFunction } from "p-limit";
import { acquireKey, type KeyLease } from "@/lib/ai/keys/key-pool";
import { reserveCall, waitForIngestAllowance } from "./ingest-priority";

/**
 * A photo whose model image is ready waits up to this long in the process for a key (the pool's
 * spacing between requests, a cooldown about to end) instead of going back to the queue: a
 * re-claim would read and downscale its original again.
 */
const SHORT_WAIT_MAX_MS = 2_000;

const globalForLease = globalThis as unknown as { vitrineAiLeaseQueue?: LimitFunction };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * acquireKey, with short waits slept here. One lease request at a time per process: photos waiting
 * for the same key's next slot take turns, instead of each asking the database every few
 * milliseconds. A longer wait is returned to the caller (the photo goes back with notBefore).
 */
export function leaseKeyWaitingBriefly(opts: Parameters<typeof acquireKey>[0]): Promise<KeyLease> {
  const queue = (globalForLease.vitrineAiLeaseQueue ??= pLimit(1));
  return queue(async () => {
    // Ingestion first: the next photo waits here while ingestion is busy and enough calls are out.
    await waitForIngestAllowance();
    const giveUpAt = Date.now() + SHORT_WAIT_MAX_MS;
    for (;;) {
      const lease = await acquireKey(opts);
      // Counted from here, inside the queue: the next photo's allowance check sees this call.
      if (lease.kind === "key") reserveCall();
      if (lease.kind !== "wait" || Date.now() + lease.retryInMs > giveUpAt) return lease;
      await sleep(lease.retryInMs);
    }
  });
}

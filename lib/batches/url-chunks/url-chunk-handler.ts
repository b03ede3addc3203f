import os from "node:os";
import { getEnv } from "@/lib/config/env";
import { sendJob } from "@/lib/jobs/boss";
import { handleJob, type JobOutcome } from "@/lib/jobs/define-job";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { getLogger } from "@/lib/log/logger";
import { finishBatchIfDone, HOLDS_PROCESSING } from "../batch-lifecycle";
import { batchStatusOf, beginChunk, chunkRemaining, completeChunkIfDone, holdChunk, releaseUrl } from "./chunk-state";
import { claimUrls, type ClaimedUrl } from "./claim-urls";
import { fetchBatchUrl } from "./fetch-batch-url";
import { abortableSleep, HostLimiter } from "./host-limiter";
import { URL_CHUNK_JOB, urlChunkJob } from "./url-chunk-job";
import { hostKeyOf } from "./url-host-key";

const log = getLogger("BATCH");

/** Which worker process holds a chunk (shown by the chunks API and the admin views). */
export const WORKER_ID = `${os.hostname()}:${process.pid}`;

/** One per process: every chunk job of this process shares the per-host slots. */
const limiter = new HostLimiter(() => ({
  perHost: getEnv().URL_FETCH_PER_HOST_CONCURRENCY,
  delayMs: getEnv().URL_FETCH_HOST_DELAY_MS,
}));

/** Claims of this process run one at a time, so two chunk jobs never both take a host's last slot. */
let claiming: Promise<unknown> = Promise.resolve();

function claimForChunk(chunkId: string, limit: number): Promise<ClaimedUrl[]> {
  const run = claiming.then(async () => {
    const { hosts, rooms, full } = limiter.rooms();
    const claimed = await claimUrls({
      chunkId,
      limit,
      perHost: getEnv().URL_FETCH_PER_HOST_CONCURRENCY,
      hosts,
      rooms,
      fullHosts: full,
      leaseSeconds: urlLeaseSeconds(),
    });
    for (const url of claimed) limiter.reserve(hostKeyOf(url.url));
    return claimed;
  });
  claiming = run.catch(() => {});
  return run;
}

/** A URL held by a worker longer than a chunk job may live was left by a dead worker. */
export function urlLeaseSeconds(): number {
  return getEnv().URL_CHUNK_JOB_EXPIRE_SECONDS;
}

/** URLs claimed per statement ("a few at a time"): fewer round trips, and no worker hoards a chunk. */
const CLAIM_BATCH = 4;
/** How often a running chunk looks at its batch's status (pause, cancel) while downloads are in flight. */
const STATUS_CHECK_MS = 1_000;

/**
 * One chunk job: fetch the chunk's URLs, `URL_FETCH_CONCURRENCY` at a time, until none is left
 * (COMPLETED), the batch is paused or cancelled (in-flight downloads are aborted, the claimed URLs
 * go back to PENDING or become CANCELLED), or the job has run for a third of its expiry: then it
 * sends itself again and ends, so a job never outlives its expiry however slow the hosts are.
 */
export async function runUrlChunk(chunkId: string): Promise<JobOutcome> {
  const start = await beginChunk(chunkId, WORKER_ID);
  if (start.kind === "skip") return "skipped";
  if (start.kind === "held") {
    await holdChunk(chunkId, start.batchStatus, []);
    return "skipped";
  }
  const { batch } = start;
  const concurrency = getEnv().URL_FETCH_CONCURRENCY;
  const deadline = Date.now() + (urlChunkJob.expireInSeconds! * 1000) / 3;
  const controller = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  let held: (typeof HOLDS_PROCESSING)[number] | null = null;
  let isSliceOver = false;

  let statusCheckedAt = 0;
  for (;;) {
    if (Date.now() - statusCheckedAt >= STATUS_CHECK_MS / 2) {
      statusCheckedAt = Date.now();
      const status = await batchStatusOf(batch.id);
      if (status === null || HOLDS_PROCESSING.includes(status)) {
        held = status ?? "CANCELLED";
        break;
      }
    }
    if (Date.now() > deadline) {
      isSliceOver = true;
      break;
    }
    const free = concurrency - inFlight.size;
    const claimed = free > 0 ? await claimForChunk(chunkId, Math.min(free, CLAIM_BATCH)) : [];
    for (const url of claimed) {
      const host = hostKeyOf(url.url);
      const task = limiter
        .waitTurn(host, controller.signal)
        .then(() => fetchBatchUrl(url, batch, controller.signal))
        .then(
          () => undefined,
          async (error: unknown) => {
            // The database went away mid-URL: hand it back (best effort) rather than wait out its lease.
            log.error({ action: "URL_FETCH_ERROR", urlId: url.id, err: String(error) }, "Erro ao baixar URL");
            await releaseUrl(url.id).catch(() => {});
          },
        )
        .finally(() => {
          limiter.release(host);
          inFlight.delete(url.id);
        });
      inFlight.set(url.id, task);
    }
    if (claimed.length > 0 && inFlight.size < concurrency) continue;
    if (inFlight.size === 0) {
      const left = await chunkRemaining(chunkId);
      // Nothing pending: done, or the last URLs are held by another live worker (it completes the chunk).
      if (left.pending === 0) break;
      // Pending URLs of hosts whose slots other chunks of this process hold: wait for a slot.
    }
    await Promise.race([...inFlight.values(), limiter.nextRelease(), abortableSleep(STATUS_CHECK_MS)]);
  }

  if (held) controller.abort();
  const claimedIds = [...inFlight.keys()];
  await Promise.all(inFlight.values());
  if (held) {
    await holdChunk(chunkId, held, claimedIds);
    log.info({ action: "URL_CHUNK_HELD", chunkId, batchId: batch.id, status: held }, "Bloco de URLs parado");
    return "skipped";
  }
  if (isSliceOver) {
    await ensureQueue(urlChunkJob);
    await sendJob(URL_CHUNK_JOB, { chunkId });
    return "success";
  }
  if (await completeChunkIfDone(chunkId))
    log.info({ action: "URL_CHUNK_DONE", chunkId, batchId: batch.id }, "Bloco de URLs concluído");
  await finishBatchIfDone(batch.id);
  return "success";
}

export const urlChunkHandler = handleJob(urlChunkJob, ({ chunkId }) => runUrlChunk(chunkId));

import { URL_CHUNK_JOB } from "@/lib/batches/url-chunks/url-chunk-job";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB } from "@/lib/images/process-image-job";
import { LIVE_JOB_STATES } from "@/lib/jobs/live-jobs";

/**
 * Ingestion comes first. While photos are being ingested (an image or URL-batch job queued or
 * running, or one finished in the last QUIET_AFTER_SECONDS: uploads arrive with short gaps), the AI
 * runs of a process analyse at most AI_CONCURRENCY_WHILE_INGESTING photos at once instead of
 * AI_WORKER_CONCURRENCY. On a small server ingestion uses every core; at full pace a run's own work
 * (the model's copy of each photo, the call, the writes) took a quarter to a third of the ingest
 * throughput (`npm run bench:ai`). Checked in PostgreSQL, so a separate `npm run worker` counts too.
 */
const QUIET_AFTER_SECONDS = 3;
/** The database is asked at most this often per process; between checks the last answer holds. */
const CHECK_EVERY_MS = 250;
/** A photo ready for its call waits at most this long for ingestion (then goes: its claim is never held long). */
const ALLOWANCE_WAIT_MAX_MS = 10_000;
/** A lease whose call never started (an error in between) stops counting after this long. */
const RESERVATION_MS = 5_000;

const INGEST_QUEUES = [PROCESS_IMAGE_JOB, URL_CHUNK_JOB];
const globalForPriority = globalThis as unknown as {
  vitrineIngestBusy?: { checkedAt: number; busy: boolean; pending: Promise<boolean> | null };
  vitrineAiCallsAtProvider?: { count: number; reserved: number[] };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const callsAtProvider = () => (globalForPriority.vitrineAiCallsAtProvider ??= { count: 0, reserved: [] });

/** Whether ingestion is at work in the bank (any process), at most CHECK_EVERY_MS old. */
export async function isIngestBusy(): Promise<boolean> {
  const state = (globalForPriority.vitrineIngestBusy ??= { checkedAt: 0, busy: false, pending: null });
  if (Date.now() - state.checkedAt < CHECK_EVERY_MS) return state.busy;
  state.pending ??= queryIngestBusy()
    .then((busy) => {
      state.busy = busy;
      return busy;
    })
    .catch(() => state.busy)
    .finally(() => {
      state.checkedAt = Date.now();
      state.pending = null;
    });
  return state.pending;
}

async function queryIngestBusy(): Promise<boolean> {
  const [row] = await getPrisma().$queryRaw<{ busy: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM pgboss.job j
      WHERE j."name" = ANY(${INGEST_QUEUES}::text[])
        AND (j."state" IN ${LIVE_JOB_STATES}
          OR (j."state" = 'completed' AND j."completed_on" > now() - make_interval(secs => ${QUIET_AFTER_SECONDS})))
    ) AS busy`;
  return row?.busy ?? false;
}

/** How many photos this process's AI runs may have in a turn right now. */
export async function aiConcurrencyNow(max: number): Promise<number> {
  return (await isIngestBusy()) ? Math.min(max, getEnv().AI_CONCURRENCY_WHILE_INGESTING) : max;
}

/**
 * A model call of an AI run, counted while it is at the provider (waitForIngestAllowance reads the
 * count). It takes over the reservation its lease made (reserveCall), so the gate never sees a gap
 * between a lease and its call.
 */
export async function atProvider<T>(call: () => Promise<T>): Promise<T> {
  const calls = callsAtProvider();
  calls.reserved.shift();
  calls.count++;
  try {
    return await call();
  } finally {
    calls.count--;
  }
}

/** A key was leased for a call that starts in a moment (atProvider); a reservation never used lapses after RESERVATION_MS. */
export function reserveCall(): void {
  callsAtProvider().reserved.push(Date.now());
}

function callsOut(): number {
  const calls = callsAtProvider();
  const lapsed = Date.now() - RESERVATION_MS;
  while (calls.reserved.length > 0 && calls.reserved[0]! < lapsed) calls.reserved.shift();
  return calls.count + calls.reserved.length;
}

/**
 * Before a photo's key lease: while ingestion is busy and this process already has
 * AI_CONCURRENCY_WHILE_INGESTING calls at the provider (or leased for one), wait. The photos
 * already claimed (up to AI_WORKER_CONCURRENCY, prepared and waiting for their turn) would
 * otherwise all go at full pace for the first seconds of an ingest; the claim limit
 * (aiConcurrencyNow) only stops new claims.
 */
export async function waitForIngestAllowance(): Promise<void> {
  const giveUpAt = Date.now() + ALLOWANCE_WAIT_MAX_MS;
  const allowed = getEnv().AI_CONCURRENCY_WHILE_INGESTING;
  while (Date.now() < giveUpAt) {
    if (callsOut() < allowed || !(await isIngestBusy())) return;
    await sleep(50);
  }
}

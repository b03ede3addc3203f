import "server-only";
import type { BatchStatus } from "@/lib/db/client";
import type { StuckReason } from "./stuck-reason";

/**
 * When a job or a batch counts as stuck (pure: the queries prefilter, these decide). pg-boss's own
 * supervisor fails an active job past its lease (`started_on + expire_in`) at its next maintenance
 * pass, so an expired active job is stuck only until then; a job ready to run is stuck when it has
 * waited past the threshold and its queue showed no worker activity meanwhile (a long backlog
 * that workers are eating is not stuck).
 */
export const STUCK_WAIT_SECONDS = 5 * 60;

/** A running batch with no sign of progress for this long is listed as stuck. */
export const STUCK_BATCH_IDLE_SECONDS = 10 * 60;

export type LiveJob = {
  state: "created" | "retry" | "active";
  /** When a waiting job may run (pg-boss `start_after`: retries wait for their backoff). */
  startAfter: Date;
  startedOn: Date | null;
  expireInSeconds: number;
};

const secondsBetween = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/**
 * Why `job` is stuck at `now`, or null. `queueLastActivityAt` is the latest moment a worker took
 * (started_on of an active job) or finished (completed_on) a job of the same queue.
 */
export function stuckReason(
  job: LiveJob,
  now: Date,
  queueLastActivityAt: Date | null,
  waitSeconds = STUCK_WAIT_SECONDS,
): StuckReason | null {
  if (job.state === "active") {
    if (!job.startedOn) return null;
    return job.startedOn.getTime() + job.expireInSeconds * 1000 < now.getTime() ? "EXPIRED_ACTIVE" : null;
  }
  const waited = secondsBetween(job.startAfter, now);
  if (job.startAfter.getTime() > now.getTime() || waited < waitSeconds) return null;
  const idle = queueLastActivityAt ? secondsBetween(queueLastActivityAt, now) : Infinity;
  return idle >= waitSeconds ? "NO_WORKER" : null;
}

/** A stuck job's age: an expired active job since it started, a waiting one since it could have started. */
export function stuckAgeSeconds(job: LiveJob, reason: StuckReason, now: Date): number {
  const since = reason === "EXPIRED_ACTIVE" ? (job.startedOn ?? job.startAfter) : job.startAfter;
  return Math.round(secondsBetween(since, now));
}

/** A queue is stalled when its oldest ready job waited past the threshold with no worker activity meanwhile. */
export function isQueueStalled(
  oldestReadyAt: Date | null,
  queueLastActivityAt: Date | null,
  now: Date,
  waitSeconds = STUCK_WAIT_SECONDS,
): boolean {
  if (!oldestReadyAt) return false;
  return (
    stuckReason(
      { state: "created", startAfter: oldestReadyAt, startedOn: null, expireInSeconds: 0 },
      now,
      queueLastActivityAt,
      waitSeconds,
    ) === "NO_WORKER"
  );
}

export type BatchHealthFacts = {
  status: BatchStatus;
  /** The latest sign of progress: a photo finished, a chunk or the batch itself changed. */
  lastProgressAt: Date;
  /** Photos processing or queued, URLs fetching and chunks running that no live job holds. */
  orphanImages: number;
  orphanUrls: number;
  orphanChunks: number;
};

/** Statuses whose rows a worker may hold; the reset applies to these. */
export const RESETTABLE_STATUSES: readonly BatchStatus[] = ["QUEUED", "PROCESSING", "PAUSED", "CANCELLED"];

/**
 * A batch is stuck when a worker should hold some of its rows and no live job does (any resettable
 * status), or when it is running and has shown no progress for the idle threshold.
 */
export function isBatchStuck(facts: BatchHealthFacts, now: Date, idleSeconds = STUCK_BATCH_IDLE_SECONDS): boolean {
  if (!RESETTABLE_STATUSES.includes(facts.status)) return false;
  if (facts.orphanImages + facts.orphanUrls + facts.orphanChunks > 0) return true;
  const isRunning = facts.status === "QUEUED" || facts.status === "PROCESSING";
  return isRunning && secondsBetween(facts.lastProgressAt, now) >= idleSeconds;
}

import { describe, expect, it } from "vitest";
import {
  isBatchStuck,
  isQueueStalled,
  STUCK_BATCH_IDLE_SECONDS,
  STUCK_WAIT_SECONDS,
  stuckAgeSeconds,
  stuckReason,
  type BatchHealthFacts,
  type LiveJob,
} from "@/lib/system/stuck-detection";

const now = new Date("2026-12-03T06:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

const active = (startedSecondsAgo: number, expireInSeconds = 60): LiveJob => ({
  state: "active",
  startAfter: ago(startedSecondsAgo + 1),
  startedOn: ago(startedSecondsAgo),
  expireInSeconds,
});
const waiting = (readySecondsAgo: number, state: "created" | "retry" = "created"): LiveJob => ({
  state,
  startAfter: ago(readySecondsAgo),
  startedOn: null,
  expireInSeconds: 60,
});

describe("stuck jobs", () => {
  it.each([
    { name: "active within its lease", job: active(59), activity: null, reason: null },
    { name: "active exactly at its lease", job: active(60), activity: null, reason: null },
    { name: "active past its lease", job: active(61), activity: null, reason: "EXPIRED_ACTIVE" },
    { name: "active past a long lease", job: active(3600, 3600 * 2), activity: null, reason: null },
    { name: "waiting briefly, no activity", job: waiting(STUCK_WAIT_SECONDS - 1), activity: null, reason: null },
    {
      name: "waiting past the threshold, never any activity",
      job: waiting(STUCK_WAIT_SECONDS),
      activity: null,
      reason: "NO_WORKER",
    },
    { name: "waiting long, worker took a job a minute ago", job: waiting(3600), activity: ago(60), reason: null },
    {
      name: "waiting long, last activity before the threshold",
      job: waiting(3600),
      activity: ago(STUCK_WAIT_SECONDS + 1),
      reason: "NO_WORKER",
    },
    {
      name: "retry waiting for its backoff (starts later)",
      job: { ...waiting(0, "retry"), startAfter: new Date(now.getTime() + 30_000) },
      activity: null,
      reason: null,
    },
    {
      name: "retry ready past the threshold",
      job: waiting(STUCK_WAIT_SECONDS * 2, "retry"),
      activity: null,
      reason: "NO_WORKER",
    },
  ] as const)("$name → $reason", ({ job, activity, reason }) => {
    expect(stuckReason(job, now, activity)).toBe(reason);
  });

  it("an active job without started_on is never stuck (pg-boss always stamps it)", () => {
    expect(stuckReason({ ...active(999), startedOn: null }, now, null)).toBeNull();
  });

  it("ages an expired job from its start and a waiting one from when it could start", () => {
    expect(stuckAgeSeconds(active(125), "EXPIRED_ACTIVE", now)).toBe(125);
    expect(stuckAgeSeconds(waiting(900), "NO_WORKER", now)).toBe(900);
  });

  it("a queue is stalled only when its oldest ready job waited past the threshold with no activity since", () => {
    expect(isQueueStalled(null, null, now)).toBe(false);
    expect(isQueueStalled(ago(STUCK_WAIT_SECONDS + 10), null, now)).toBe(true);
    expect(isQueueStalled(ago(STUCK_WAIT_SECONDS + 10), ago(10), now)).toBe(false);
    expect(isQueueStalled(ago(10), null, now)).toBe(false);
  });
});

describe("stuck batches", () => {
  const facts = (over: Partial<BatchHealthFacts>): BatchHealthFacts => ({
    status: "PROCESSING",
    lastProgressAt: ago(10),
    orphanImages: 0,
    orphanUrls: 0,
    orphanChunks: 0,
    ...over,
  });

  it.each([
    { name: "running and progressing", f: facts({}), stuck: false },
    {
      name: "running, idle past the threshold",
      f: facts({ lastProgressAt: ago(STUCK_BATCH_IDLE_SECONDS) }),
      stuck: true,
    },
    {
      name: "queued, idle past the threshold",
      f: facts({ status: "QUEUED", lastProgressAt: ago(STUCK_BATCH_IDLE_SECONDS + 1) }),
      stuck: true,
    },
    {
      name: "paused for a day (paused is not idle)",
      f: facts({ status: "PAUSED", lastProgressAt: ago(86_400) }),
      stuck: false,
    },
    { name: "paused with a photo no worker holds", f: facts({ status: "PAUSED", orphanImages: 1 }), stuck: true },
    { name: "running with a URL no worker holds", f: facts({ orphanUrls: 3 }), stuck: true },
    { name: "cancelled with a chunk still running", f: facts({ status: "CANCELLED", orphanChunks: 1 }), stuck: true },
    { name: "completed (nothing to hold)", f: facts({ status: "COMPLETED", orphanImages: 5 }), stuck: false },
    { name: "draft, idle", f: facts({ status: "DRAFT", lastProgressAt: ago(86_400) }), stuck: false },
  ] as const)("$name → $stuck", ({ f, stuck }) => {
    expect(isBatchStuck(f, now)).toBe(stuck);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { POST as resetRoute } from "@/app/api/v1/admin/batches/[id]/reset/route";
import { POST as cleanupRoute } from "@/app/api/v1/admin/queue/cleanup/route";
import { GET as statusRoute } from "@/app/api/v1/admin/queue/status/route";
import { GET as throughputRoute } from "@/app/api/v1/admin/queue/throughput/route";
import { GET as statsRoute } from "@/app/api/v1/system/stats/route";
import { URL_CHUNK_JOB, urlChunkJob } from "@/lib/batches/url-chunks/url-chunk-job";
import { getPrisma, Prisma } from "@/lib/db/client";
import { PROCESS_IMAGE_JOB, processImageJob } from "@/lib/images/process-image-job";
import { stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import {
  queueStatusSchema,
  queueThroughputSchema,
  systemStatsSchema,
  queueCleanupResultSchema,
} from "@/lib/system/schemas";
import { STUCK_WAIT_SECONDS } from "@/lib/system/stuck-detection";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import {
  backdate,
  callRoute,
  clearAllJobs,
  clearJobs,
  holdOffSupervisor,
  jobIn,
  releaseSupervisor,
  stateOf,
} from "./queue-fixtures";

let boss: PgBoss;
let admin: Awaited<ReturnType<typeof apiTokenFor>>;

beforeAll(async () => {
  await ensureQueue(processImageJob);
  await ensureQueue(urlChunkJob);
  boss = await holdOffSupervisor();
});

beforeEach(async () => {
  await truncateAllTables();
  await clearAllJobs();
  admin = await apiTokenFor("ADMIN");
});

afterAll(async () => {
  await clearJobs(PROCESS_IMAGE_JOB, URL_CHUNK_JOB);
  await releaseSupervisor();
  await stopBoss();
});

const getStatus = async () => {
  const answer = await callRoute(statusRoute, {
    headers: admin.headers,
    url: "http://localhost:3000/api/v1/admin/queue/status",
  });
  expect(answer.status).toBe(200);
  return queueStatusSchema.parse(answer.body);
};

describe("queue status and system stats", () => {
  it("counts each queue's jobs by state, and an active job past its lease is stuck with its age", async () => {
    await jobIn(boss, PROCESS_IMAGE_JOB, "created");
    await jobIn(boss, PROCESS_IMAGE_JOB, "created");
    const running = await jobIn(boss, PROCESS_IMAGE_JOB, "active");
    const expired = await jobIn(boss, PROCESS_IMAGE_JOB, "active");
    await backdate(PROCESS_IMAGE_JOB, expired, 600); // image jobs expire after 60 s
    await jobIn(boss, PROCESS_IMAGE_JOB, "retry");
    await jobIn(boss, PROCESS_IMAGE_JOB, "failed");
    await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    await jobIn(boss, URL_CHUNK_JOB, "created", { chunkId: crypto.randomUUID() });

    const status = await getStatus();
    const image = status.queues.find((q) => q.name === PROCESS_IMAGE_JOB)!;
    expect(image).toMatchObject({ pending: 2, active: 2, retrying: 1, failed: 1, stuck: 1, is_stalled: false });
    expect(image.expire_in_seconds).toBe(60);
    expect(status.stuck_jobs).toHaveLength(1);
    const [stuck] = status.stuck_jobs;
    expect(stuck).toMatchObject({ id: expired, queue: PROCESS_IMAGE_JOB, state: "active", reason: "EXPIRED_ACTIVE" });
    expect(stuck!.age_seconds).toBeGreaterThanOrEqual(600);
    expect(stuck!.age_seconds).toBeLessThan(660);
    expect(image.oldest_stuck_age_seconds).toBe(stuck!.age_seconds);
    expect(status.stuck_jobs.map((j) => j.id)).not.toContain(running);
    expect(status.total_stuck).toBe(1);
    expect(status.queues.find((q) => q.name === URL_CHUNK_JOB)).toMatchObject({ pending: 1, stuck: 0 });
    expect(status.queue_stats).toEqual({ pending: 3, processing: 2, retrying: 1, failed: 1, completed_last_hour: 2 });

    const stats = await callRoute(statsRoute, {
      headers: admin.headers,
      url: "http://localhost:3000/api/v1/system/stats",
    });
    expect(stats.status).toBe(200);
    const parsed = systemStatsSchema.parse(stats.body);
    expect(parsed.queues.find((q) => q.name === PROCESS_IMAGE_JOB)).toEqual({
      name: PROCESS_IMAGE_JOB,
      pending: 2,
      active: 2,
      retrying: 1,
      failed: 1,
      completed_last_hour: 2,
      failed_last_hour: 1,
    });
    expect(parsed.queue_stats).toEqual(status.queue_stats);
  });

  it("jobs waiting past the threshold in a queue no worker touched are stuck (NO_WORKER); a busy queue's backlog is not", async () => {
    const old = await jobIn(boss, URL_CHUNK_JOB, "created", { chunkId: crypto.randomUUID() });
    await backdate(URL_CHUNK_JOB, old, STUCK_WAIT_SECONDS + 300);
    await jobIn(boss, URL_CHUNK_JOB, "created", { chunkId: crypto.randomUUID() });
    // The image queue has an old backlog too, but a worker finished one of its jobs a moment ago.
    const backlog = await jobIn(boss, PROCESS_IMAGE_JOB, "created");
    await backdate(PROCESS_IMAGE_JOB, backlog, STUCK_WAIT_SECONDS + 300);
    await jobIn(boss, PROCESS_IMAGE_JOB, "completed");

    const status = await getStatus();
    const chunk = status.queues.find((q) => q.name === URL_CHUNK_JOB)!;
    expect(chunk).toMatchObject({ pending: 2, stuck: 1, is_stalled: true });
    expect(chunk.oldest_pending_age_seconds).toBeGreaterThanOrEqual(STUCK_WAIT_SECONDS + 300);
    expect(status.stuck_jobs).toEqual([
      expect.objectContaining({ id: old, queue: URL_CHUNK_JOB, state: "created", reason: "NO_WORKER" }),
    ]);
    expect(status.stuck_jobs[0]!.age_seconds).toBeGreaterThanOrEqual(STUCK_WAIT_SECONDS + 300);
    expect(status.queues.find((q) => q.name === PROCESS_IMAGE_JOB)).toMatchObject({ stuck: 0, is_stalled: false });
    expect(status.recommendations.join(" ")).toContain(URL_CHUNK_JOB);
  });

  it("the throughput series has 60 minutes per queue and counts the jobs that ended in the last hour", async () => {
    await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    await jobIn(boss, PROCESS_IMAGE_JOB, "failed");
    const earlier = await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    await backdate(PROCESS_IMAGE_JOB, earlier, 30 * 60);
    const tooOld = await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    await backdate(PROCESS_IMAGE_JOB, tooOld, 2 * 3600);
    await jobIn(boss, PROCESS_IMAGE_JOB, "retry"); // an attempt that will be retried is not a failure yet

    const answer = await callRoute(throughputRoute, { headers: admin.headers });
    expect(answer.status).toBe(200);
    const series = queueThroughputSchema.parse(answer.body);
    const image = series.queues.find((q) => q.name === PROCESS_IMAGE_JOB)!;
    expect(image.points).toHaveLength(60);
    expect(image.points.reduce((sum, p) => sum + p.completed, 0)).toBe(3);
    expect(image.points.reduce((sum, p) => sum + p.failed, 0)).toBe(1);
    const minuteOfEarlier = image.points.findIndex((p) => p.completed > 0);
    expect(minuteOfEarlier).toBeGreaterThanOrEqual(28);
    expect(minuteOfEarlier).toBeLessThanOrEqual(30);
    expect(series.queues.find((q) => q.name === URL_CHUNK_JOB)!.points.every((p) => p.completed === 0)).toBe(true);
    expect(series.total.reduce((sum, p) => sum + p.completed, 0)).toBe(3);
  });

  it("counts batches by status without the soft-deleted ones unless asked", async () => {
    const prisma = getPrisma();
    await prisma.batch.createMany({
      data: [
        { name: "a", status: "COMPLETED" },
        { name: "b", status: "PROCESSING" },
        { name: "c", status: "COMPLETED_WITH_ERRORS" },
        { name: "d", status: "COMPLETED", deletedAt: new Date() },
      ],
    });
    const visible = systemStatsSchema.parse(
      (await callRoute(statsRoute, { headers: admin.headers, url: "http://localhost:3000/api/v1/system/stats" })).body,
    );
    expect(visible).toMatchObject({
      total_batches: 3,
      active_batches: 1,
      completed_batches: 2,
      include_soft_deleted: false,
    });
    expect(visible.batches_by_status.COMPLETED).toBe(1);
    const all = systemStatsSchema.parse(
      (
        await callRoute(statsRoute, {
          headers: admin.headers,
          url: "http://localhost:3000/api/v1/system/stats?include_soft_deleted=true",
        })
      ).body,
    );
    expect(all).toMatchObject({ total_batches: 4, completed_batches: 3, include_soft_deleted: true });
  });

  it("counts photos and URLs processed (totals and last 24 h) and the success rate over finished items", async () => {
    const prisma = getPrisma();
    const batch = await prisma.batch.create({
      data: { name: "urls", status: "COMPLETED_WITH_ERRORS", source: "URL_LIST" },
    });
    const photo = (status: "READY" | "FAILED" | "QUEUED", hoursAgo: number | null) => {
      const id = crypto.randomUUID();
      return prisma.image.create({
        data: {
          id,
          batchId: batch.id,
          originalName: `${id}.jpg`,
          storageKey: id,
          contentType: "image/jpeg",
          bytes: 1n,
          sha256: id,
          processingStatus: status,
          processedAt: hoursAgo === null ? null : new Date(Date.now() - hoursAgo * 3600_000),
        },
      });
    };
    await Promise.all([
      photo("READY", 1),
      photo("READY", 2),
      photo("READY", 30),
      photo("FAILED", 3),
      photo("QUEUED", null),
    ]);
    const chunk = await prisma.batchChunk.create({ data: { batchId: batch.id, index: 0, total: 3 } });
    const url = (line: number, status: "STORED" | "FAILED" | "PENDING") =>
      prisma.batchUrl.create({
        data: {
          batchId: batch.id,
          chunkId: chunk.id,
          lineNumber: line,
          url: `http://127.0.0.1:9/${line}`,
          status,
          fetchedAt: new Date(),
        },
      });
    await Promise.all([url(1, "STORED"), url(2, "FAILED"), url(3, "PENDING")]);
    const stats = systemStatsSchema.parse(
      (await callRoute(statsRoute, { headers: admin.headers, url: "http://localhost:3000/api/v1/system/stats" })).body,
    );
    expect(stats).toMatchObject({
      total_images_processed: 4,
      images_processed_last_24h: 3,
      total_urls_processed: 2,
      urls_processed_last_24h: 2,
      // 3 ready photos of 3 + 1 failed photo + 1 URL that failed before becoming a photo.
      overall_success_rate: 60,
    });
  });
});

describe("queue cleanup", () => {
  it("removes finished jobs older than the threshold, hands back expired active jobs, and touches nothing else", async () => {
    const prisma = getPrisma();
    const oldCompleted = await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    const oldFailed = await jobIn(boss, PROCESS_IMAGE_JOB, "failed");
    await backdate(PROCESS_IMAGE_JOB, oldCompleted, 48 * 3600);
    await backdate(PROCESS_IMAGE_JOB, oldFailed, 48 * 3600);
    const recentCompleted = await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    const recentFailed = await jobIn(boss, PROCESS_IMAGE_JOB, "failed");
    await backdate(PROCESS_IMAGE_JOB, recentFailed, 3600);
    const oldWaiting = await jobIn(boss, PROCESS_IMAGE_JOB, "created");
    await backdate(PROCESS_IMAGE_JOB, oldWaiting, 48 * 3600);
    const running = await jobIn(boss, PROCESS_IMAGE_JOB, "active");
    const expired = await jobIn(boss, PROCESS_IMAGE_JOB, "active");
    await backdate(PROCESS_IMAGE_JOB, expired, 600);
    const otherQueueOld = await jobIn(boss, URL_CHUNK_JOB, "completed", { chunkId: crypto.randomUUID() });
    await backdate(URL_CHUNK_JOB, otherQueueOld, 48 * 3600);
    // One archived row of each age (pg-boss moves finished jobs to pgboss.archive after 12 h).
    const archivedOld = await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    const archivedRecent = await jobIn(boss, PROCESS_IMAGE_JOB, "completed");
    // pg-boss's own archive statement (plans.archive), with the archive dates set by hand.
    const columns = Prisma.raw(
      "id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output",
    );
    await prisma.$executeRaw`
      WITH moved AS (DELETE FROM pgboss.job WHERE "id" IN (${archivedOld}::uuid, ${archivedRecent}::uuid) RETURNING *)
      INSERT INTO pgboss.archive (${columns}, archived_on)
      SELECT ${columns},
        CASE WHEN "id" = ${archivedOld}::uuid THEN now() - interval '30 hours' ELSE now() - interval '1 hour' END FROM moved`;

    const answer = await callRoute(cleanupRoute, {
      method: "POST",
      headers: admin.headers,
      body: { job_types: ["process_image"], older_than_hours: 24 },
    });
    expect(answer.status).toBe(200);
    expect(queueCleanupResultSchema.parse(answer.body)).toEqual({
      queues: [PROCESS_IMAGE_JOB],
      older_than_hours: 24,
      deleted_jobs: 2,
      deleted_archived: 1,
      released_expired: 1,
      waiting_without_worker: 0,
    });
    expect(await stateOf(PROCESS_IMAGE_JOB, oldCompleted)).toBeNull();
    expect(await stateOf(PROCESS_IMAGE_JOB, oldFailed)).toBeNull();
    expect(await stateOf(PROCESS_IMAGE_JOB, recentCompleted)).toBe("completed");
    expect(await stateOf(PROCESS_IMAGE_JOB, recentFailed)).toBe("failed");
    expect(await stateOf(PROCESS_IMAGE_JOB, oldWaiting)).toBe("created");
    expect(await stateOf(PROCESS_IMAGE_JOB, running)).toBe("active");
    expect(await stateOf(PROCESS_IMAGE_JOB, expired)).toBe("retry"); // attempts left: pg-boss retries it
    expect(await stateOf(URL_CHUNK_JOB, otherQueueOld)).toBe("completed");
    const archived = await prisma.$queryRaw<{ id: string }[]>`SELECT "id"::text AS id FROM pgboss.archive`;
    expect(archived.map((a) => a.id)).toEqual([archivedRecent]);
    const audit = await prisma.auditLog.findMany({ where: { action: "QUEUE_CLEANUP" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.userId).toBe(admin.user.id);
    expect(audit[0]!.data).toMatchObject({ deleted_jobs: 2, released_expired: 1 });
  });

  it("counts the jobs waiting with no worker and leaves them queued; without job_types every queue is cleaned", async () => {
    const waiting = await jobIn(boss, URL_CHUNK_JOB, "created", { chunkId: crypto.randomUUID() });
    await backdate(URL_CHUNK_JOB, waiting, STUCK_WAIT_SECONDS + 60);
    const old = await jobIn(boss, URL_CHUNK_JOB, "completed", { chunkId: crypto.randomUUID() });
    await backdate(URL_CHUNK_JOB, old, 30 * 3600);
    const answer = await callRoute(cleanupRoute, { method: "POST", headers: admin.headers });
    expect(answer.status).toBe(200);
    const result = queueCleanupResultSchema.parse(answer.body);
    expect(result.queues).toEqual(expect.arrayContaining([PROCESS_IMAGE_JOB, URL_CHUNK_JOB]));
    expect(result).toMatchObject({ older_than_hours: 24, deleted_jobs: 1, waiting_without_worker: 1 });
    expect(await stateOf(URL_CHUNK_JOB, waiting)).toBe("created");
  });

  it("refuses an unknown queue and a bad threshold", async () => {
    const unknown = await callRoute(cleanupRoute, {
      method: "POST",
      headers: admin.headers,
      body: { job_types: ["nope"] },
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: "UNKNOWN_QUEUE", details: { name: "nope" } } });
    const bad = await callRoute(cleanupRoute, {
      method: "POST",
      headers: admin.headers,
      body: { older_than_hours: 0 },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: "VALIDATION_FAILED" } });
  });
});

describe("roles", () => {
  it.each(["EDITOR", "VIEWER"] as const)("%s gets 403 from every system and queue route", async (role) => {
    const { headers } = await apiTokenFor(role);
    const id = crypto.randomUUID();
    const answers = await Promise.all([
      callRoute(statsRoute, { headers }),
      callRoute(statusRoute, { headers }),
      callRoute(throughputRoute, { headers }),
      callRoute(cleanupRoute, { method: "POST", headers, body: {} }),
      callRoute(resetRoute, { method: "POST", headers, body: {}, params: { id } }),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ status: 403, body: { error: "FORBIDDEN" } });
    expect(await getPrisma().auditLog.count()).toBe(0);
  });
});

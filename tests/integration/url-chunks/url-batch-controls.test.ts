// The batch controls on URL batches, with the real workers and a local source server whose
// responses the test holds open (`/gate/…`) to pause or cancel with downloads in flight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as batchAction } from "@/app/api/v1/batches/[id]/[action]/route";
import {
  cancelBatch,
  pauseBatch,
  reprocessFailed,
  resumeBatch,
  startAllBatches,
  startBatch,
} from "@/lib/batches/batch-control";
import { NETWORK_ERROR_CATEGORIES } from "@/lib/batches/url-chunks/error-categories";
import { recoverStalledUrlChunks } from "@/lib/batches/url-chunks/recover-stalled-url-chunks";
import { URL_CHUNK_JOB } from "@/lib/batches/url-chunks/url-chunk-job";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { createTestUrlBatch } from "../../support/url-batches";
import { startUrlSourceServer, type UrlSourceServer } from "../../support/url-source-server";
import { waitForBatch, waitUntil } from "../../support/wait";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
let source: UrlSourceServer;
let refusedPort: number;

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  source = await startUrlSourceServer();
  const probe = await startUrlSourceServer();
  refusedPort = probe.port;
  await probe.close();
  Object.assign(getEnv(), {
    URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${source.port},127.0.0.1:${refusedPort}`,
    URL_FETCH_TIMEOUT_SECONDS: 60,
  });
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
  await source.close();
});

const prisma = () => getPrisma();
const allowHosts = (...ports: number[]) =>
  Object.assign(getEnv(), {
    URL_FETCH_ALLOW_HOSTS: [source.port, refusedPort, ...ports].map((port) => `127.0.0.1:${port}`).join(","),
  });
const countUrls = (batchId: string, status: "PENDING" | "FETCHING" | "STORED" | "CANCELLED" | "FAILED") =>
  prisma().batchUrl.count({ where: { batchId, status } });

/** Chunk jobs of this batch that may still run (other test files of the run share the queue). */
async function liveChunkJobs(batchId: string): Promise<number> {
  const rows = await prisma().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pgboss.job j
    WHERE j."name" = ${URL_CHUNK_JOB} AND j."state" IN ('created', 'retry', 'active')
      AND j."data"->>'chunkId' IN (SELECT c."id"::text FROM "BatchChunk" c WHERE c."batchId" = ${batchId}::uuid)`;
  return Number(rows[0]!.n);
}

const gateUrls = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${source.origin}/gate/${prefix}${i}/${prefix}-${i}.jpg`);
const requestsTo = (urls: string[]) =>
  urls.reduce((sum, url) => sum + source.requests(url.replace(source.origin, "")), 0);

describe("URL batch controls", () => {
  it("pause stops the fetching (downloads in flight aborted, their URLs pending again); resume fetches the rest", async () => {
    const perHost = getEnv().URL_FETCH_PER_HOST_CONCURRENCY;
    const urls = gateUrls("pausa", 10);
    const batch = await createTestUrlBatch({ urls, chunkSize: 5 });
    await startBatch(auth.user, batch.id);
    await waitUntil(async () => requestsTo(urls) === perHost, 30_000, "downloads in flight");
    await pauseBatch(auth.user, batch.id);
    await waitUntil(
      async () =>
        (await countUrls(batch.id, "FETCHING")) === 0 &&
        (await prisma().batchChunk.count({ where: { batchId: batch.id, status: "PAUSED" } })) === 2 &&
        (await liveChunkJobs(batch.id)) === 0,
      30_000,
      "the chunks to stop",
    );
    // Stopped: no job left to fetch anything, every URL waiting, nothing stored.
    expect(await countUrls(batch.id, "PENDING")).toBe(10);
    expect(requestsTo(urls)).toBe(perHost);
    expect((await prisma().batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("PAUSED");

    source.open();
    await resumeBatch(auth.user, batch.id);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");
    expect(await countUrls(batch.id, "STORED")).toBe(10);
    // The aborted downloads were fetched again (never recorded the first time); the others once.
    expect(requestsTo(urls)).toBe(10 + perHost);
    expect(await prisma().batchChunk.count({ where: { batchId: batch.id, status: "COMPLETED" } })).toBe(2);
  });

  it("cancel marks the URLs not fetched yet (in flight included) and the unfinished chunks CANCELLED", async () => {
    const held = await startUrlSourceServer();
    allowHosts(held.port);
    try {
      const urls = Array.from({ length: 7 }, (_, i) => `${held.origin}/gate/cancela${i}/c-${i}.jpg`);
      const batch = await createTestUrlBatch({ urls, chunkSize: 4 });
      await startBatch(auth.user, batch.id);
      const perHost = getEnv().URL_FETCH_PER_HOST_CONCURRENCY;
      await waitUntil(async () => held.totalRequests() === perHost, 30_000, "downloads in flight");
      await cancelBatch(auth.user, batch.id);
      await waitUntil(
        async () => (await countUrls(batch.id, "FETCHING")) === 0 && (await liveChunkJobs(batch.id)) === 0,
        30_000,
        "the chunks to stop",
      );
      expect(await countUrls(batch.id, "CANCELLED")).toBe(7);
      const chunks = await prisma().batchChunk.findMany({ where: { batchId: batch.id } });
      expect(chunks.map((c) => c.status)).toEqual(["CANCELLED", "CANCELLED"]);
      expect(chunks.every((c) => c.finishedAt !== null)).toBe(true);
      expect((await prisma().batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("CANCELLED");
      expect(await prisma().batchUpload.count({ where: { batchId: batch.id } })).toBe(0);
      expect(held.totalRequests()).toBe(perHost);
    } finally {
      await held.close();
    }
  });

  it("reprocess {only: network} retries the network failures only; without it, every retryable failure", async () => {
    expect([...NETWORK_ERROR_CATEGORIES].sort()).toEqual(["DNS", "HTTP_5XX", "NETWORK", "REFUSED", "TIMEOUT"]);
    const flaky = `${source.origin}/flaky/rede/volta.jpg`;
    const refused = `http://127.0.0.1:${refusedPort}/fora.jpg`;
    const missing = `${source.origin}/status/404`;
    const ok = `${source.origin}/p/601/ok.jpg`;
    const batch = await createTestUrlBatch({ urls: [flaky, refused, missing, ok] });
    await startBatch(auth.user, batch.id);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED_WITH_ERRORS");
    source.heal("rede");

    // Through the route, with the JSON body; a body the schema refuses is a 400.
    const call = (body?: string) =>
      batchAction(
        new Request(`http://localhost/api/v1/batches/${batch.id}/reprocess`, {
          method: "POST",
          headers: { ...auth.headers, ...(body ? { "content-type": "application/json" } : {}) },
          body,
        }),
        { params: Promise.resolve({ id: batch.id, action: "reprocess" }) },
      );
    expect((await call('{"only":"everything"}')).status).toBe(400);
    const response = await call('{"only":"network"}');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ requeued: 2, requeuedUrls: 2, requeuedImages: 0 });
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED_WITH_ERRORS");
    const byUrl = Object.fromEntries(
      (await prisma().batchUrl.findMany({ where: { batchId: batch.id } })).map((u) => [u.url, u]),
    );
    expect(byUrl[flaky]).toMatchObject({ status: "STORED", attempts: 2, errorCategory: null });
    expect(byUrl[refused]).toMatchObject({ status: "FAILED", errorCategory: "REFUSED", attempts: 2 });
    expect(byUrl[missing]).toMatchObject({ status: "FAILED", errorCategory: "HTTP_4XX", httpStatus: 404, attempts: 1 });
    expect(source.requests("/status/404")).toBe(1);

    // A 4xx is not a network failure: with only the refused URL left, "network" still has one; then none.
    expect((await reprocessFailed(auth.user, batch.id)).requeuedUrls).toBe(1);
    await waitForBatch(batch.id, ["COMPLETED_WITH_ERRORS"]);
    await prisma().batchUrl.updateMany({
      where: { batchId: batch.id, url: refused },
      data: { errorCategory: "HTTP_4XX" },
    });
    await expect(reprocessFailed(auth.user, batch.id, { only: "network" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { code: "NOTHING_TO_REPROCESS" },
    });
  });

  it("force-start runs a queued batch that lost its jobs; refuses a finished one", async () => {
    const batch = await createTestUrlBatch({ urls: [`${source.origin}/p/701/a.jpg`, `${source.origin}/p/702/b.jpg`] });
    // Queued with no job in the queue (e.g. the jobs were purged by hand).
    await prisma().batch.update({ where: { id: batch.id }, data: { status: "QUEUED" } });
    const call = () =>
      batchAction(
        new Request(`http://localhost/api/v1/batches/${batch.id}/force-start`, {
          method: "POST",
          headers: auth.headers,
        }),
        { params: Promise.resolve({ id: batch.id, action: "force-start" }) },
      );
    expect((await call()).status).toBe(200);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");
    expect((await prisma().batch.findUniqueOrThrow({ where: { id: batch.id } })).startedAt).not.toBeNull();
    expect((await call()).status).toBe(409);
  });

  it("the recovery task takes back URLs a dead worker held and sends their chunk again", async () => {
    const urls = [`${source.origin}/p/801/a.jpg`, `${source.origin}/p/802/b.jpg`, `${source.origin}/p/803/c.jpg`];
    const batch = await createTestUrlBatch({ urls });
    // A worker died mid-chunk: the batch processing, one URL held since long ago, one stored, one pending, no job.
    await prisma().batch.update({ where: { id: batch.id }, data: { status: "PROCESSING", startedAt: new Date() } });
    await prisma().batchChunk.update({
      where: { id: batch.chunkIds[0]! },
      data: { status: "RUNNING", worker: "morto:1" },
    });
    const lease = getEnv().URL_CHUNK_JOB_EXPIRE_SECONDS;
    await prisma().batchUrl.update({
      where: { id: batch.urlIds[0]! },
      data: { status: "FETCHING", attempts: 1, startedAt: new Date(Date.now() - (lease + 60) * 1000) },
    });
    expect(await recoverStalledUrlChunks()).toBeGreaterThanOrEqual(2);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");
    expect(await countUrls(batch.id, "STORED")).toBe(3);
    const chunk = await prisma().batchChunk.findUniqueOrThrow({ where: { id: batch.chunkIds[0]! } });
    expect(chunk.status).toBe("COMPLETED");
    expect(chunk.worker).not.toBe("morto:1");
  });

  it("Processar Todos starts URL batches that have URLs to fetch", async () => {
    const batch = await createTestUrlBatch({ urls: [`${source.origin}/p/901/todos.jpg`] });
    const empty = await createTestUrlBatch({ urls: [] });
    const started = await startAllBatches(auth.user);
    expect(started).toContain(batch.id);
    expect(started).not.toContain(empty.id);
    expect((await waitForBatch(batch.id, ["COMPLETED"])).status).toBe("COMPLETED");
  });
});

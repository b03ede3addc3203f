// URL batches fetched by the real workers (pg-boss, PostgreSQL, local blob storage) from a real HTTP
// server on 127.0.0.1 that the test allow-lists: the upload pipeline after the fetch, every fault's
// category, dedupe, the per-host limits, the chunks API and the "recorded before a crash" path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChunks } from "@/app/api/v1/batches/[id]/chunks/route";
import { startBatch } from "@/lib/batches/batch-control";
import { ingestUpload } from "@/lib/batches/ingest-upload";
import { runUrlChunk } from "@/lib/batches/url-chunks/url-chunk-handler";
import { findOrCreateBrand, findOrCreateCollection } from "@/lib/catalog/brands-and-collections";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { Readable } from "node:stream";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";
import { createTestUrlBatch } from "../../support/url-batches";
import { startUrlSourceServer, type UrlSourceServer } from "../../support/url-source-server";
import { waitForBatch, waitUntil } from "../../support/wait";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
let source: UrlSourceServer;
let other: UrlSourceServer;
let refusedPort: number;

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  source = await startUrlSourceServer();
  other = await startUrlSourceServer({ slowByteMs: 100 });
  // A port nothing listens on (allow-listed, so the connection is tried and refused).
  const probe = await startUrlSourceServer();
  refusedPort = probe.port;
  await probe.close();
  Object.assign(getEnv(), {
    URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${source.port},127.0.0.1:${other.port},127.0.0.1:${refusedPort}`,
    URL_FETCH_TIMEOUT_SECONDS: 2,
    UPLOAD_MAX_BYTES: 1024 * 1024,
  });
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
  await source.close();
  await other.close();
});

const urlsOf = (batchId: string) =>
  getPrisma().batchUrl.findMany({ where: { batchId }, orderBy: { lineNumber: "asc" } });

describe("URL batch fetching", () => {
  it("fetches every URL into the upload pipeline: stored, thumbnails, SKU matched from the name, the name column or the sku column", async () => {
    const brand = await findOrCreateBrand(auth.user, { name: "Marca URL" });
    const collection = await findOrCreateCollection(auth.user, { brandId: brand.id, name: "Inverno 26" });
    await getPrisma().product.create({
      data: {
        sku: "VD24-0001",
        skuKey: "VD240001",
        nomePeca: "Vestido",
        collectionId: collection.id,
        brandId: brand.id,
      },
    });
    const batch = await createTestUrlBatch({
      collectionId: collection.id,
      brandId: brand.id,
      chunkSize: 2,
      urls: [
        `${source.origin}/p/101/VD24-0001_FRENTE.jpg`,
        { url: `${source.origin}/p/102/foto.jpg?w=800`, sku: "VD24-0001" },
        { url: `${source.origin}/p/103/download`, name: "VD24-0001_COSTAS.jpg", path: "INVERNO/VD24-0001" },
      ],
    });
    await startBatch(auth.user, batch.id);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");

    const urls = await urlsOf(batch.id);
    for (const url of urls) {
      expect(url).toMatchObject({ status: "STORED", attempts: 1, errorCategory: null, errorCode: null });
      expect(url.imageId).not.toBeNull();
      expect(Number(url.bytes)).toBeGreaterThan(0);
      expect(url.durationMs).not.toBeNull();
      expect(url.fetchedAt).not.toBeNull();
    }
    const uploads = await getPrisma().batchUpload.findMany({ where: { batchId: batch.id }, include: { image: true } });
    expect(uploads.map((u) => u.clientUploadId).sort()).toEqual(urls.map((u) => `url:${u.id}`).sort());
    const byName = Object.fromEntries(uploads.map((u) => [u.image.originalName, u.image]));
    expect(Object.keys(byName).sort()).toEqual(["VD24-0001_COSTAS.jpg", "VD24-0001_FRENTE.jpg", "VD24-0001_foto.jpg"]);
    for (const image of Object.values(byName)) {
      expect(image).toMatchObject({ processingStatus: "READY", matchStatus: "MATCHED", skuBase: "VD24-0001" });
      expect(image.thumbnailKey).not.toBeNull();
      expect(image.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(byName["VD24-0001_COSTAS.jpg"]!.relativePath).toBe("INVERNO/VD24-0001/VD24-0001_COSTAS.jpg");
    expect(source.requests("/p/102/foto.jpg?w=800")).toBe(1);

    const chunks = await getPrisma().batchChunk.findMany({ where: { batchId: batch.id }, orderBy: { index: "asc" } });
    expect(chunks.map((c) => [c.status, c.total])).toEqual([
      ["COMPLETED", 2],
      ["COMPLETED", 1],
    ]);
    for (const chunk of chunks) {
      expect(chunk.worker).toMatch(/^.+:\d+$/);
      expect(chunk.startedAt).not.toBeNull();
      expect(chunk.finishedAt!.getTime()).toBeGreaterThanOrEqual(chunk.startedAt!.getTime());
    }

    // The chunks API (seed 004's fields).
    const response = await getChunks(
      new Request(`http://localhost/api/v1/batches/${batch.id}/chunks`, { headers: auth.headers }),
      { params: Promise.resolve({ id: batch.id }) },
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ batch_id: batch.id, total_chunks: 2, next_after: null });
    expect(body.chunks[0]).toMatchObject({
      chunk_id: chunks[0]!.id,
      chunk_number: 1,
      status: "COMPLETED",
      url_count: 2,
      processed_count: 2,
      successful_count: 2,
      failed_count: 0,
      pending_count: 0,
      progress_percentage: 100,
      worker_id: chunks[0]!.worker,
    });
    expect(body.chunks[0].processing_time_seconds).toBeGreaterThanOrEqual(0);
    const page = await getChunks(
      new Request(`http://localhost/api/v1/batches/${batch.id}/chunks?limit=1`, { headers: auth.headers }),
      { params: Promise.resolve({ id: batch.id }) },
    );
    expect(await page.json()).toMatchObject({ chunks: [{ chunk_number: 1 }], next_after: 1 });
  });

  it("stores each failure with its category, code and HTTP status, stops a huge or trickling body, and finishes with errors", async () => {
    const batch = await createTestUrlBatch({
      urls: [
        `${source.origin}/status/404`,
        `${source.origin}/status/503`,
        `http://127.0.0.1:${refusedPort}/x.jpg`,
        `${source.origin}/html-as-jpeg`,
        `${source.origin}/empty`,
        `${source.origin}/loop`,
        `${source.origin}/trickle`,
        `${source.origin}/huge`,
        `${source.origin}/huge-declared`,
        `${source.origin}/p/201/ok.jpg`,
      ],
    });
    const rssBefore = process.memoryUsage().rss;
    await startBatch(auth.user, batch.id);
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED_WITH_ERRORS");
    const rows = (await urlsOf(batch.id)).map((u) => [
      u.url.replace(source.origin, "").replace(`127.0.0.1:${refusedPort}`, "refused"),
      u.status,
      u.errorCategory,
      u.errorCode,
      u.httpStatus,
    ]);
    expect(rows).toEqual([
      ["/status/404", "FAILED", "HTTP_4XX", "URL_HTTP_ERROR", 404],
      ["/status/503", "FAILED", "HTTP_5XX", "URL_HTTP_ERROR", 503],
      ["http://refused/x.jpg", "FAILED", "REFUSED", "URL_CONNECTION_REFUSED", null],
      ["/html-as-jpeg", "FAILED", "NOT_IMAGE", "URL_NOT_IMAGE", null],
      ["/empty", "FAILED", "NOT_IMAGE", "URL_EMPTY", null],
      ["/loop", "FAILED", "REDIRECT_LOOP", "URL_TOO_MANY_REDIRECTS", null],
      ["/trickle", "FAILED", "TIMEOUT", "URL_TIMEOUT", null],
      ["/huge", "FAILED", "TOO_LARGE", "URL_TOO_LARGE", null],
      ["/huge-declared", "FAILED", "TOO_LARGE", "URL_TOO_LARGE", null],
      ["/p/201/ok.jpg", "STORED", null, null, null],
    ]);
    // The 2 GB body was cut at the 1 MiB limit: the server got to send a few socket buffers more, never the gigabytes.
    expect(source.bytesSent("/huge")).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    // A loop of redirects is given up after the limit (5): 6 requests, not more.
    expect(source.requests("/loop")).toBe(6);
    // Refusals leave no image and no blob row behind.
    expect(await getPrisma().batchUpload.count({ where: { batchId: batch.id } })).toBe(1);
  });

  it("fetches a URL shared by two batches once per batch and stores its bytes once (sha256 dedupe)", async () => {
    const shared = `${source.origin}/p/301/compartilhada.jpg`;
    const first = await createTestUrlBatch({ urls: [shared, `${source.origin}/p/301/mesma-foto.jpg`] });
    await startBatch(auth.user, first.id);
    await waitForBatch(first.id, ["COMPLETED"]);
    const second = await createTestUrlBatch({ urls: [shared] });
    await startBatch(auth.user, second.id);
    await waitForBatch(second.id, ["COMPLETED"]);
    expect(source.requests("/p/301/compartilhada.jpg")).toBe(2);
    // The first batch's two URLs (same bytes) are fetched at once: either may be the one stored.
    expect((await urlsOf(first.id)).map((u) => u.status).sort()).toEqual(["DUPLICATE", "STORED"]);
    expect((await urlsOf(second.id)).map((u) => u.status)).toEqual(["DUPLICATE"]);
    const imageIds = new Set([...(await urlsOf(first.id)), ...(await urlsOf(second.id))].map((u) => u.imageId));
    expect(imageIds.size).toBe(1);
    expect(
      await getPrisma().image.count({ where: { originalName: { in: ["compartilhada.jpg", "mesma-foto.jpg"] } } }),
    ).toBe(1);
  });

  it("keeps one slow host from stalling the batch: the fast host's URLs all finish while the slow ones still trickle", async () => {
    const perHost = getEnv().URL_FETCH_PER_HOST_CONCURRENCY;
    // The slow bodies must outlive the fast host's URLs (they end only when the test opens them).
    Object.assign(getEnv(), { URL_FETCH_TIMEOUT_SECONDS: 120 });
    // Twice as many slow URLs as the slow host has slots, listed first: a claim in list order alone would fill every lane with them.
    const slow = Array.from({ length: perHost * 2 }, (_, i) => `${other.origin}/slow/s${i}/lento-${i}.jpg`);
    const fast = Array.from({ length: 12 }, (_, i) => `${source.origin}/p/${400 + i}/rapido-${i}.jpg`);
    const batch = await createTestUrlBatch({ urls: [...slow, ...fast] });
    await startBatch(auth.user, batch.id);
    // The slow host never finishes until the fast host is done: if it held the lanes, this would time out.
    await waitUntil(
      async () =>
        (await getPrisma().batchUrl.count({
          where: { batchId: batch.id, status: "STORED", url: { startsWith: source.origin } },
        })) === fast.length,
      30_000,
    );
    const slowRequests = slow.reduce((sum, url) => sum + other.requests(url.replace(other.origin, "")), 0);
    // Never more than the per-host limit at once on the slow host, and none of its URLs done yet.
    expect(slowRequests).toBe(perHost);
    expect(
      await getPrisma().batchUrl.count({
        where: { batchId: batch.id, url: { startsWith: other.origin }, status: "STORED" },
      }),
    ).toBe(0);
    other.open();
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");
    Object.assign(getEnv(), { URL_FETCH_TIMEOUT_SECONDS: 2 });
  });

  it("marks a URL whose file was recorded before a crash without fetching it again", async () => {
    const batch = await createTestUrlBatch({ urls: [`${source.origin}/p/501/ja-gravada.jpg`] });
    const url = (await urlsOf(batch.id))[0]!;
    // What a worker killed between recording the file and marking its URL leaves behind.
    await getPrisma().batch.update({ where: { id: batch.id }, data: { status: "QUEUED" } });
    await ingestUpload({
      batch: { id: batch.id, status: "QUEUED", brandId: null, collectionId: null },
      uploadId: `url:${url.id}`,
      fileName: "ja-gravada.jpg",
      relativePath: null,
      body: Readable.from([await makeJpeg(501)]),
      maxBytes: getEnv().UPLOAD_MAX_BYTES,
    });
    await getPrisma().batchUrl.update({
      where: { id: url.id },
      data: { status: "FETCHING", attempts: 1, startedAt: new Date(Date.now() - 3600_000) },
    });
    expect(await runUrlChunk(batch.chunkIds[0]!)).toBe("success");
    expect(source.requests("/p/501/ja-gravada.jpg")).toBe(0);
    const after = await getPrisma().batchUrl.findUniqueOrThrow({ where: { id: url.id } });
    expect(after).toMatchObject({ status: "STORED", attempts: 2 });
    expect(after.imageId).not.toBeNull();
    expect(await getPrisma().batchUpload.count({ where: { batchId: batch.id } })).toBe(1);
  });
});

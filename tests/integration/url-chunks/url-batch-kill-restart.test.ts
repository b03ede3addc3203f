// A URL batch whose worker process is SIGKILLed mid-batch, then restarted: the new process picks the
// chunks up by itself (expired jobs, URLs past their lease) and no URL whose file was stored before
// the kill is fetched again — the source server counts the requests per URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { createTestUrlBatch } from "../../support/url-batches";
import { startUrlSourceServer, type UrlSourceServer } from "../../support/url-source-server";
import { killAllChildren, killChild, startChild } from "../../support/child-process";
import { waitForBatch, waitUntil } from "../../support/wait";

// Enough URLs (each answered after 150 ms, 4 at a time from the one host) that the kill lands mid-batch.
const URLS = 120;
let source: UrlSourceServer;

async function startServer() {
  const { child, port } = await startChild("tests/support/ingest-server-child.ts", {
    WORKER_CONCURRENCY: "2",
    URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${source.port}`,
    // A killed worker's chunk jobs and URLs are taken over after this long.
    URL_CHUNK_JOB_EXPIRE_SECONDS: "8",
    IMAGE_JOB_EXPIRE_SECONDS: "8",
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  await truncateAllTables();
  source = await startUrlSourceServer({ latencyMs: 150 });
});

afterAll(async () => {
  killAllChildren();
  await source.close();
});

describe(`SIGKILL during a ${URLS}-URL batch`, () => {
  it("resumes after a restart and fetches no URL twice once its file was stored", { timeout: 180_000 }, async () => {
    const auth = await apiTokenFor("EDITOR");
    const paths = Array.from({ length: URLS }, (_, i) => `/p/${5000 + i}/VD24-${String(i).padStart(4, "0")}_01.jpg`);
    const batch = await createTestUrlBatch({ urls: paths.map((p) => `${source.origin}${p}`), chunkSize: 40 });
    const prisma = getPrisma();

    let server = await startServer();
    const start = await fetch(`${server.url}/api/v1/batches/${batch.id}/start`, {
      method: "POST",
      headers: auth.headers,
    });
    expect(start.status).toBe(200);
    await waitUntil(
      async () => (await prisma.batchUrl.count({ where: { batchId: batch.id, status: "STORED" } })) >= URLS / 4,
      120_000,
      "a quarter of the URLs stored",
    );
    await killChild(server.child);

    // What the dead process had stored: its URLs' files are recorded (some perhaps not marked yet).
    const recorded = await prisma.batchUpload.findMany({
      where: { batchId: batch.id },
      select: { clientUploadId: true },
    });
    const storedBeforeKill = new Set(recorded.map((u) => u.clientUploadId.replace(/^url:/, "")));
    expect(storedBeforeKill.size).toBeGreaterThanOrEqual(URLS / 4);
    expect(storedBeforeKill.size).toBeLessThan(URLS);
    const urls = await prisma.batchUrl.findMany({ where: { batchId: batch.id } });
    const pathOf = new Map(urls.map((u) => [u.id, u.url.replace(source.origin, "")]));
    const requestsAtKill = new Map(urls.map((u) => [u.id, source.requests(pathOf.get(u.id)!)]));

    // A new process takes the work over by itself and finishes every URL and every photo.
    server = await startServer();
    expect((await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"], 150_000)).status).toBe("COMPLETED");
    await killChild(server.child);

    const after = await prisma.batchUrl.findMany({ where: { batchId: batch.id } });
    expect(after.every((u) => u.status === "STORED")).toBe(true);
    expect(await prisma.batchUpload.count({ where: { batchId: batch.id } })).toBe(URLS);
    expect(
      await prisma.image.count({
        where: { batchId: batch.id, processingStatus: "READY", thumbnailKey: { not: null } },
      }),
    ).toBe(URLS);
    for (const id of storedBeforeKill) {
      // Fetched once, before the kill; never again after it.
      expect(source.requests(pathOf.get(id)!), pathOf.get(id)).toBe(1);
      expect(requestsAtKill.get(id)).toBe(1);
    }
    // Only a download in flight at the kill (never recorded) is fetched a second time.
    for (const u of after) expect(source.requests(pathOf.get(u.id)!), pathOf.get(u.id)).toBeLessThanOrEqual(2);
    expect(paths.reduce((sum, p) => sum + source.requests(p), 0)).toBeLessThan(URLS + 2 * 8);
  });
});

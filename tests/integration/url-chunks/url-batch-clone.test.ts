// Clone of a URL batch fetched by the real workers (pg-boss, PostgreSQL, local blob storage) from a
// real HTTP server on 127.0.0.1 that the test allow-lists: a clone fetches again, with copy_results
// only what had failed; purging the source keeps the images its clones use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBatch } from "@/lib/batches/batch-control";
import { cloneBatch } from "@/lib/batches/retention/clone-batch";
import { purgeExpiredBatches } from "@/lib/batches/retention/purge-expired-batches";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { createTestUrlBatch } from "../../support/url-batches";
import { startUrlSourceServer, type UrlSourceServer } from "../../support/url-source-server";
import { waitForBatch } from "../../support/wait";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
let source: UrlSourceServer;

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  source = await startUrlSourceServer();
  Object.assign(getEnv(), { URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${source.port}`, URL_FETCH_TIMEOUT_SECONDS: 2 });
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
  await source.close();
});

const DONE = ["COMPLETED", "COMPLETED_WITH_ERRORS"];

describe("cloning a fetched URL batch", () => {
  it("re-fetches everything, or with copy_results only the failures; the source's purge keeps the images its clones use", async () => {
    const good = [`${source.origin}/p/201/A1_FRENTE.jpg`, `${source.origin}/p/202/A2_FRENTE.jpg`];
    const broken = `${source.origin}/status/503`;
    const original = await createTestUrlBatch({ name: "Fornecedor", chunkSize: 2, urls: [...good, broken] });
    await startBatch(auth.user, original.id);
    expect((await waitForBatch(original.id, DONE)).status).toBe("COMPLETED_WITH_ERRORS");
    // The images in list order (the two URLs were fetched at once, in any order).
    const sourceUrls = await getPrisma().batchUrl.findMany({
      where: { batchId: original.id },
      orderBy: { lineNumber: "asc" },
    });
    const images = sourceUrls.slice(0, 2).map((u) => ({ id: u.imageId! }));
    expect(await getPrisma().image.count({ where: { batchId: original.id } })).toBe(2);
    const brokenRequests = source.requests("/status/503");

    // copy_results + auto_start: the stored URLs keep their images, only the failed one is fetched.
    const retry = await cloneBatch(auth.user, original.id, {
      new_name: "Só as falhas",
      copy_results: true,
      auto_start: true,
    });
    expect(retry.cloned).toEqual({ linked: 2, pending: 1 });
    expect((await waitForBatch(retry.id, DONE)).status).toBe("COMPLETED_WITH_ERRORS");
    for (const url of good) expect(source.requests(new URL(url).pathname)).toBe(1);
    expect(source.requests("/status/503")).toBeGreaterThan(brokenRequests);
    const retryUrls = await getPrisma().batchUrl.findMany({
      where: { batchId: retry.id },
      orderBy: { lineNumber: "asc" },
    });
    expect(retryUrls.map((u) => [u.status, u.imageId])).toEqual([
      ["STORED", images[0]!.id],
      ["STORED", images[1]!.id],
      ["FAILED", null],
    ]);
    expect(retryUrls[2]).toMatchObject({ errorCategory: "HTTP_5XX" });

    // Without copy_results the clone starts as a draft and, started, fetches every URL again: the
    // bytes are in the bank already, so its URLs are DUPLICATE of the same images.
    const again = await cloneBatch(auth.user, original.id, {
      new_name: "De novo",
      copy_results: false,
      auto_start: false,
    });
    expect(again.status).toBe("DRAFT");
    await startBatch(auth.user, again.id);
    expect((await waitForBatch(again.id, DONE)).status).toBe("COMPLETED_WITH_ERRORS");
    for (const url of good) expect(source.requests(new URL(url).pathname)).toBe(2);
    const againUrls = await getPrisma().batchUrl.findMany({
      where: { batchId: again.id },
      orderBy: { lineNumber: "asc" },
    });
    expect(againUrls.map((u) => [u.status, u.imageId])).toEqual([
      ["DUPLICATE", images[0]!.id],
      ["DUPLICATE", images[1]!.id],
      ["FAILED", null],
    ]);

    // The source is purged: its images stay (both clones use them), owned by the first clone.
    await getPrisma().batch.update({
      where: { id: original.id },
      data: { deletedAt: new Date(), purgeAfter: new Date(Date.now() - 1000) },
    });
    const [purged] = await purgeExpiredBatches();
    expect(purged).toMatchObject({ batchId: original.id, imagesDeleted: 0, imagesKept: 2 });
    const kept = await getPrisma().image.findMany({
      where: { id: { in: images.map((i) => i.id) } },
      orderBy: { id: "asc" },
    });
    expect(kept.map((i) => i.batchId)).toEqual([retry.id, retry.id]);
    for (const image of kept) expect(await getStorage().head(image.storageKey)).not.toBeNull();
    expect(await getPrisma().batchUrl.count({ where: { batchId: original.id } })).toBe(0);
  });
});

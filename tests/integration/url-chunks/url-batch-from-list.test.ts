// A URL list imported with createUrlBatchFromList (auto start) and fetched by the real workers: the
// same URL 1,000 times is one row and one request; N URLs in chunks of k are ceil(N/k) chunks, each
// with its counts in the chunks API; the import's refusals and the fetch's end the batch with errors.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChunks } from "@/app/api/v1/batches/[id]/chunks/route";
import { createUrlBatchFromList } from "@/lib/batches/url-list/create-url-batch";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { startUrlSourceServer, type UrlSourceServer } from "../../support/url-source-server";
import { waitForBatch } from "../../support/wait";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
let source: UrlSourceServer;

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  source = await startUrlSourceServer();
  Object.assign(getEnv(), { URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${source.port}` });
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
  await source.close();
});

const importList = (text: string, chunkSize: number) =>
  createUrlBatchFromList(auth.user, {
    name: "Lista de URLs",
    autoStart: true,
    chunkSize,
    list: Readable.from([Buffer.from(text)]),
    fileName: "lista.txt",
  });

async function chunksOf(batchId: string) {
  // A VIEWER may read them (the role the chunks API asks for).
  const viewer = await apiTokenFor("VIEWER");
  const response = await getChunks(
    new Request(`http://localhost/api/v1/batches/${batchId}/chunks`, { headers: viewer.headers }),
    { params: Promise.resolve({ id: batchId }) },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as {
    total_chunks: number;
    chunks: {
      chunk_number: number;
      status: string;
      url_count: number;
      successful_count: number;
      failed_count: number;
    }[];
  };
}

describe("URL list → fetched batch", () => {
  it("fetches a URL listed 1,000 times once", async () => {
    const repeated = `${source.origin}/p/1001/repetida.jpg`;
    const text = [
      ...Array.from({ length: 1000 }, () => repeated),
      `${source.origin}/p/1002/outra.jpg`,
      `${source.origin}/p/1003/mais-uma.jpg`,
    ].join("\n");
    const created = await importList(text, 2000);
    expect(created).toMatchObject({ accepted: 3, duplicates: 999, invalid: 0 });
    expect((await waitForBatch(created.batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");
    expect(source.requests("/p/1001/repetida.jpg")).toBe(1);
    expect(await getPrisma().batchUrl.count({ where: { batchId: created.batch.id, status: "STORED" } })).toBe(3);
  });

  it("splits N URLs into ceil(N/k) chunks, each fetched and counted", async () => {
    const n = 25;
    const k = 4;
    const text = [
      "url,name",
      ...Array.from({ length: n }, (_, i) => `${source.origin}/p/${2000 + i}/x.jpg,VD24-${2000 + i}_01.jpg`),
    ].join("\n");
    const created = await importList(text, k);
    expect((await waitForBatch(created.batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe("COMPLETED");
    const body = await chunksOf(created.batch.id);
    expect(body.total_chunks).toBe(Math.ceil(n / k));
    expect(body.chunks.map((c) => [c.chunk_number, c.status, c.url_count, c.successful_count, c.failed_count])).toEqual(
      Array.from({ length: Math.ceil(n / k) }, (_, i) => {
        const size = Math.min(k, n - i * k);
        return [i + 1, "COMPLETED", size, size, 0];
      }),
    );
    const names = await getPrisma().image.findMany({
      where: { batchId: created.batch.id },
      select: { originalName: true },
    });
    expect(names.map((i) => i.originalName).sort()).toEqual(
      Array.from({ length: n }, (_, i) => `VD24-${2000 + i}_01.jpg`).sort(),
    );
  });

  it("ends with errors when the list had refused lines: each keeps its category, the good ones are stored", async () => {
    const text = [
      `${source.origin}/p/3001/boa.jpg`,
      "isto não é uma URL",
      "ftp://127.0.0.1/foto.jpg",
      "http://127.0.0.2/foto.jpg",
      `${source.origin}/status/404`,
    ].join("\n");
    const created = await importList(text, 2);
    expect((await waitForBatch(created.batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"])).status).toBe(
      "COMPLETED_WITH_ERRORS",
    );
    const rows = await getPrisma().batchUrl.findMany({
      where: { batchId: created.batch.id },
      orderBy: { lineNumber: "asc" },
    });
    expect(rows.map((r) => [r.status, r.errorCategory])).toEqual([
      ["STORED", null],
      ["FAILED", "INVALID_URL"],
      ["FAILED", "INVALID_URL"],
      ["FAILED", "BLOCKED_ADDRESS"],
      ["FAILED", "HTTP_4XX"],
    ]);
    // A chunk whose lines were all refused at import has nothing to fetch: COMPLETED at the start.
    const body = await chunksOf(created.batch.id);
    expect(body.chunks.every((c) => c.status === "COMPLETED")).toBe(true);
    expect(body.chunks.reduce((sum, c) => sum + c.failed_count, 0)).toBe(4);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatch } from "@/lib/batches/create-batch";
import { getPrisma } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { killAllChildren, killChild, startChild } from "../../support/child-process";
import { makeJpeg } from "../../support/image-fixtures";
import { pollUntil } from "../../support/wait";

// Enough files that both kills land mid-way (uploads half accepted, processing partly done) with
// several requests and jobs in flight; more only makes the test slower.
const FILES = 200;

async function startServer() {
  const { child, port } = await startChild("tests/support/ingest-server-child.ts", {
    WORKER_CONCURRENCY: "2",
    IMAGE_JOB_EXPIRE_SECONDS: "8",
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  return pollUntil(check, Boolean, timeoutMs, async () => {
    const counts = await getPrisma().image.groupBy({ by: ["processingStatus"], _count: { _all: true } });
    const batches = await getPrisma().batch.findMany({ select: { status: true } });
    return `${JSON.stringify(counts.map((c) => [c.processingStatus, c._count._all]))} batches=${JSON.stringify(batches)}`;
  });
}

beforeAll(async () => {
  await truncateAllTables();
});

afterAll(() => {
  killAllChildren();
});

describe(`SIGKILL during a ${FILES}-file batch`, () => {
  it("loses no accepted file and resumes processing to completion after restart", { timeout: 180_000 }, async () => {
    const auth = await apiTokenFor("EDITOR");
    const batch = await createBatch(auth.user, { name: "Lote grande" });
    const photos = await Promise.all(Array.from({ length: FILES }, (_, i) => makeJpeg(100_000 + i, 32, 24)));
    const accepted = new Set<string>();

    // Upload with 8 in flight; kill the server half-way through the uploads.
    let server = await startServer();
    let next = 0;
    let killed = false;
    const upload = async (i: number, url: string) => {
      const form = uploadForm([
        { name: `VD24-${String(i).padStart(4, "0")}_01.jpg`, bytes: photos[i]!, uploadId: `f${i}` },
      ]);
      const res = await fetch(`${url}/api/v1/batches/${batch.id}/files`, {
        method: "POST",
        body: form,
        headers: auth.headers,
      });
      if (res.ok) accepted.add(`f${i}`);
    };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < FILES && !killed) {
          const i = next++;
          await upload(i, server.url).catch(() => {});
          if (accepted.size >= FILES / 2 && !killed) {
            killed = true;
            await killChild(server.child);
          }
        }
      }),
    );
    const acceptedBeforeKill = accepted.size;
    expect(acceptedBeforeKill).toBeGreaterThanOrEqual(FILES / 2);

    // Every accepted file has its row and its blob.
    const uploads = await getPrisma().batchUpload.findMany({ where: { batchId: batch.id }, include: { image: true } });
    const stored = new Set(uploads.map((u) => u.clientUploadId));
    for (const id of accepted) expect(stored.has(id), id).toBe(true);
    const storage = getStorage();
    for (const u of uploads) expect(await storage.head(u.image.storageKey), u.image.storageKey).not.toBeNull();

    // Restart, send the rest (a client retrying everything it has not seen accepted), start, kill mid-processing.
    server = await startServer();
    const missing = Array.from({ length: FILES }, (_, i) => i).filter((i) => !accepted.has(`f${i}`));
    for (let i = 0; i < missing.length; i += 8)
      await Promise.all(missing.slice(i, i + 8).map((j) => upload(j, server.url)));
    expect(accepted.size).toBe(FILES);
    expect(await getPrisma().batchUpload.count({ where: { batchId: batch.id } })).toBe(FILES);
    expect(await getPrisma().image.count({ where: { batchId: batch.id } })).toBe(FILES);

    const start = await fetch(`${server.url}/api/v1/batches/${batch.id}/start`, {
      method: "POST",
      headers: auth.headers,
    });
    expect(start.status).toBe(200);
    await waitFor(
      async () =>
        (await getPrisma().image.count({ where: { batchId: batch.id, processingStatus: "READY" } })) >= FILES / 10,
      120_000,
    );
    await killChild(server.child);
    const readyAtKill = await getPrisma().image.count({ where: { batchId: batch.id, processingStatus: "READY" } });
    expect(readyAtKill).toBeLessThan(FILES);

    // A new process picks the work up by itself and finishes every file.
    server = await startServer();
    await waitFor(
      async () => (await getPrisma().batch.findUniqueOrThrow({ where: { id: batch.id } })).status === "COMPLETED",
      180_000,
    );
    expect(
      await getPrisma().image.count({
        where: { batchId: batch.id, processingStatus: "READY", thumbnailKey: { not: null } },
      }),
    ).toBe(FILES);
    await killChild(server.child);
  });
});

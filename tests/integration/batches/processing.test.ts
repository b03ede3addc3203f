import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { GET as getProgress } from "@/app/api/v1/batches/[id]/progress/route";
import { GET as getThumbnail } from "@/app/api/v1/images/[id]/thumbnail/route";
import { GET as getOriginal } from "@/app/api/v1/images/[id]/original/route";
import { reprocessFailed, startAllBatches } from "@/lib/batches/batch-control";
import { createBatch } from "@/lib/batches/create-batch";
import { findOrCreateBrand, findOrCreateCollection } from "@/lib/catalog/brands-and-collections";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/start-workers";
import { workerJobs } from "@/lib/server/worker-jobs";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg, makePngBomb, makeTruncatedJpeg } from "../../support/image-fixtures";

async function waitForBatch(batchId: string, statuses: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const batch = await getPrisma().batch.findUniqueOrThrow({ where: { id: batchId } });
    if (statuses.includes(batch.status)) return batch;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`batch ${batchId} did not reach ${statuses.join("/")}`);
}

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  await startWorkers(workerJobs);
});

afterAll(async () => {
  await stopBoss();
});

describe("batch processing (real pg-boss workers)", () => {
  it("processes a batch: thumbnails, hashes, SKU match; bad files fail with a clear reason while the queue keeps going", async () => {
    const brand = await findOrCreateBrand(auth.user, { name: "Marca Teste" });
    const collection = await findOrCreateCollection(auth.user, { brandId: brand.id, name: "Verão 25" });
    await getPrisma().product.create({
      data: {
        sku: "VD24-0001",
        skuKey: "VD240001",
        nomePeca: "Vestido",
        collectionId: collection.id,
        brandId: brand.id,
      },
    });
    const batch = await createBatch(auth.user, { name: "Lote 1", collectionId: collection.id });
    const files = [
      {
        name: "VD24-0001_FRENTE.jpg",
        bytes: await makeJpeg(11, 1600, 1200),
        uploadId: "f1",
        path: "VERAO/VD24-0001_FRENTE.jpg",
      },
      { name: "VD24-0001_COSTAS.jpg", bytes: await makeJpeg(12), uploadId: "f2" },
      { name: "XX99-9999_01.jpg", bytes: await makeJpeg(13), uploadId: "f3" },
      { name: "quebrada.jpg", bytes: await makeTruncatedJpeg(), uploadId: "f4" },
      { name: "bomba.png", bytes: makePngBomb(), uploadId: "f5" },
    ];
    const res = await uploadFiles(
      new Request("http://localhost/x", { method: "POST", body: uploadForm(files), headers: auth.headers }),
      ctx(batch.id),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).results.map((r: { status: string }) => r.status)).toEqual([
      "stored",
      "stored",
      "stored",
      "stored",
      "stored",
    ]);

    expect(await startAllBatches(auth.user)).toEqual([batch.id]);
    const done = await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"]);
    expect(done.status).toBe("COMPLETED_WITH_ERRORS");

    const images = await getPrisma().image.findMany({ where: { batchId: batch.id }, include: { product: true } });
    const byName = Object.fromEntries(images.map((i) => [i.originalName, i]));
    const front = byName["VD24-0001_FRENTE.jpg"]!;
    expect(front).toMatchObject({
      processingStatus: "READY",
      width: 1600,
      height: 1200,
      matchStatus: "MATCHED",
      skuBase: "VD24-0001",
      sequence: "FRENTE",
    });
    expect(front.product?.sku).toBe("VD24-0001");
    expect(front.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    expect((front.dominantColors as string[]).length).toBeGreaterThan(0);
    expect(byName["XX99-9999_01.jpg"]).toMatchObject({
      processingStatus: "READY",
      matchStatus: "UNMATCHED",
      skuBase: "XX99-9999",
      sequence: "01",
      productId: null,
    });
    expect(byName["quebrada.jpg"]).toMatchObject({ processingStatus: "FAILED", processingErrorCode: "IMAGE_CORRUPT" });
    expect(byName["quebrada.jpg"]!.processingError).toMatch(/corrompida|incompleta/);
    expect(byName["bomba.png"]).toMatchObject({ processingStatus: "FAILED", processingErrorCode: "IMAGE_TOO_LARGE" });
    expect(byName["bomba.png"]!.processingError).toContain("30000×30000");

    // Thumbnail: JPEG ≤ 300 px wide, ETag + 304.
    const thumb = await getThumbnail(new Request("http://localhost/t", { headers: auth.headers }), ctx(front.id));
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    const sharp = (await import("sharp")).default;
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.width).toBe(300);
    const etag = thumb.headers.get("etag")!;
    expect(
      (
        await getThumbnail(
          new Request("http://localhost/t", { headers: { ...auth.headers, "if-none-match": etag } }),
          ctx(front.id),
        )
      ).status,
    ).toBe(304);

    // Original: verified type, nosniff, byte ranges.
    const ranged = await getOriginal(
      new Request("http://localhost/o", { headers: { ...auth.headers, range: "bytes=0-9" } }),
      ctx(front.id),
    );
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toMatch(/^bytes 0-9\/\d+$/);
    expect(ranged.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await ranged.arrayBuffer()).byteLength).toBe(10);
    const bad = await getOriginal(
      new Request("http://localhost/o", { headers: { ...auth.headers, range: "bytes=99999999-" } }),
      ctx(front.id),
    );
    expect(bad.status).toBe(416);

    const progress = await getProgress(new Request("http://localhost/p", { headers: auth.headers }), ctx(batch.id));
    expect(progress.headers.get("x-polling-interval")).toBeTruthy();
    expect(await progress.json()).toMatchObject({ total: 5, processed: 3, failed: 2, percentage: 100 });

    // Reprocessing the failures (originals are in storage) fails again, clearly.
    await reprocessFailed(auth.user, batch.id);
    await waitForBatch(batch.id, ["COMPLETED", "COMPLETED_WITH_ERRORS"]);
    const again = await getPrisma().image.findMany({ where: { batchId: batch.id, processingStatus: "FAILED" } });
    expect(again.map((i) => i.processingErrorCode).sort()).toEqual(["IMAGE_CORRUPT", "IMAGE_TOO_LARGE"]);
    expect(again.every((i) => i.attempts === 2)).toBe(true);
  });

  it("keeps a person's link decision when the photo is processed again, and links the others automatically", async () => {
    const brand = await findOrCreateBrand(auth.user, { name: "Marca Decisão" });
    const collection = await findOrCreateCollection(auth.user, { brandId: brand.id, name: "Inverno 26" });
    const [chosen] = await Promise.all([
      getPrisma().product.create({
        data: {
          sku: "MN26-0002",
          skuKey: "MN260002",
          nomePeca: "Casaco",
          collectionId: collection.id,
          brandId: brand.id,
        },
      }),
      getPrisma().product.create({
        data: {
          sku: "MN26-0001",
          skuKey: "MN260001",
          nomePeca: "Saia",
          collectionId: collection.id,
          brandId: brand.id,
        },
      }),
    ]);
    const batch = await createBatch(auth.user, { name: "Lote decisão", collectionId: collection.id });
    const files = [
      { name: "MN26-0001_01.jpg", bytes: await makeJpeg(61), uploadId: "d1" },
      { name: "MN26-0001_02.jpg", bytes: await makeJpeg(62), uploadId: "d2" },
    ];
    await uploadFiles(
      new Request("http://localhost/x", { method: "POST", body: uploadForm(files), headers: auth.headers }),
      ctx(batch.id),
    );
    // Someone already decided the first photo shows another SKU before it was processed.
    await getPrisma().image.updateMany({
      where: { batchId: batch.id, originalName: "MN26-0001_01.jpg" },
      data: { matchStatus: "MANUAL", productId: chosen.id },
    });
    await startAllBatches(auth.user);
    await waitForBatch(batch.id, ["COMPLETED"]);
    const images = await getPrisma().image.findMany({
      where: { batchId: batch.id },
      include: { product: true },
      orderBy: { originalName: "asc" },
    });
    expect(images.map((i) => [i.processingStatus, i.matchStatus, i.product?.sku])).toEqual([
      ["READY", "MANUAL", "MN26-0002"],
      ["READY", "MATCHED", "MN26-0001"],
    ]);
  });
});

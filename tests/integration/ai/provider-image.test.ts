import fs from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageDataUrlForModel, OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { modelImageChildPid } from "@/lib/ai/provider/model-image/render-in-child";
import { callVisionModel } from "@/lib/ai/provider/vision-call";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../support/fake-openai-server";
import { makeJpeg } from "../../support/image-fixtures";

/** The model's copy of a photo, made from the original in the real (local) blob storage. */
function decode(dataUrl: string): Buffer {
  expect(dataUrl.startsWith("data:image/jpeg;base64,")).toBe(true);
  return Buffer.from(dataUrl.slice("data:image/jpeg;base64,".length), "base64");
}

let server: FakeOpenAiServer;
let original: Buffer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
  original = await makeJpeg(7, 4000, 3000);
});
afterAll(async () => {
  await server.close();
});

describe("imageDataUrlForModel", () => {
  it("downsizes a 4000 px original to the configured long side as a JPEG, and that is what the model gets", async () => {
    const key = newStorageKey("originals", "jpg");
    await getStorage().put(key, original, { contentType: "image/jpeg" });
    const dataUrl = await imageDataUrlForModel(key, 1024);
    const jpeg = decode(dataUrl);
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1024, height: 768 });
    expect(jpeg.length).toBeLessThan(original.length / 4);

    await callVisionModel(
      { apiKey: "sk-img", baseUrl: server.url, model: "gpt-4o-mini", detail: "low", timeoutMs: 10_000 },
      dataUrl,
      {
        fileName: "a.jpg",
        relativePath: null,
        sku: null,
        carteira: null,
        vocabulary: { tipoPeca: [], categoria: [], cor: [] },
        fields: ["cor"],
        language: "pt-BR",
      },
    );
    expect(server.chatRequests().at(-1)!.imageUrlLength).toBe(dataUrl.length);
  });

  it("turns the photo upright by its EXIF orientation and never enlarges a small one", async () => {
    const rotated = await sharp(await makeJpeg(8, 2000, 1000))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const key = newStorageKey("originals", "jpg");
    await getStorage().put(key, rotated, { contentType: "image/jpeg" });
    expect(await sharp(decode(await imageDataUrlForModel(key, 1024))).metadata()).toMatchObject({
      width: 512,
      height: 1024,
    });

    const small = newStorageKey("originals", "jpg");
    await getStorage().put(small, await makeJpeg(9, 300, 200), { contentType: "image/jpeg" });
    expect(await sharp(decode(await imageDataUrlForModel(small, 1024))).metadata()).toMatchObject({
      width: 300,
      height: 200,
    });
  });

  it("decodes in a child process at nice 19 (ingestion keeps the CPU), which comes back after a crash", async () => {
    const key = newStorageKey("originals", "jpg");
    await getStorage().put(key, await makeJpeg(11, 1600, 1200), { contentType: "image/jpeg" });
    await imageDataUrlForModel(key, 1024);
    const pid = modelImageChildPid();
    expect(pid).toBeDefined();
    expect(pid).not.toBe(process.pid);
    // /proc/<pid>/stat: field 19 is the nice value (fields after the command's closing parenthesis).
    const niceOf = (p: number) => {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    };
    expect(niceOf(pid!)).toBe(19);
    const threads = fs.readdirSync(`/proc/${pid}/task`).map(Number);
    expect(threads.length).toBeGreaterThan(1);
    expect(threads.every((tid) => niceOf(tid) === 19 || !fs.existsSync(`/proc/${pid}/task/${tid}`))).toBe(true);

    process.kill(pid!, "SIGKILL");
    await expect.poll(() => modelImageChildPid() !== pid).toBe(true);
    expect(await sharp(decode(await imageDataUrlForModel(key, 1024))).metadata()).toMatchObject({ width: 1024 });
    expect(modelImageChildPid()).not.toBe(pid);
  });

  it("throws OriginalMissingError once the blob is gone", async () => {
    const key = newStorageKey("originals", "jpg");
    await getStorage().put(key, await makeJpeg(10, 100, 100), { contentType: "image/jpeg" });
    await getStorage().delete(key);
    const error = await imageDataUrlForModel(key, 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OriginalMissingError);
    expect(error).toMatchObject({ code: "ORIGINAL_MISSING", storageKey: key });
  });
});

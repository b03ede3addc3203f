import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { readTextInChild, ocrChildPid, ocrChildReady, stopOcrChild } from "@/lib/ai/text/ocr/ocr-in-child";
import { ocrBudgetFromEnv, PhotoTextError, readPhotoText, type PhotoText } from "@/lib/ai/text/read-photo-text";
import { openOriginal } from "@/lib/images/process-image";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { normalizeSkuKey } from "@/lib/sku";
import { ean13, makeProductPhoto, makeTagPhoto } from "../../support/tag-photos";

/** OCR and barcodes of photos kept in the real (local) blob storage, read by the real nice-19 OCR child. */
const budget = ocrBudgetFromEnv();

async function stored(photo: Buffer): Promise<string> {
  const key = newStorageKey("originals", "jpg");
  await getStorage().put(key, photo, { contentType: "image/jpeg" });
  return key;
}

/** The photo's tokens, normalised like SKUs (case, accents, separators). */
const tokens = (read: PhotoText) => read.text.split(/\s+/).map(normalizeSkuKey).filter(Boolean);

const rssOf = (pid: number) =>
  Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

beforeAll(async () => {
  await ocrChildReady(budget);
});
afterAll(async () => {
  await stopOcrChild(budget);
});

describe("readPhotoText", () => {
  it("reads the SKU printed on a slightly rotated tag, with word confidences, and the engine", async () => {
    const key = await stored(await makeTagPhoto({ lines: ["REF VD25-0150", "TAM M", "100% ALGODÃO"], rotate: -3 }));
    const read = await readPhotoText(key);
    expect(tokens(read)).toContain("VD250150");
    expect(read.text.split("\n")[0]).toMatch(/^REF VD25-0150$/i);
    const sku = read.words.find((w) => normalizeSkuKey(w.text) === "VD250150")!;
    expect(sku.confidence).toBeGreaterThan(0.6);
    expect(sku.confidence).toBeLessThanOrEqual(1);
    expect(read.text).toMatch(/ALGODÃO/);
    expect(read.engine).toBe("tesseract.js 7 (por+eng) + zxing-wasm 3");
    expect(read.codes).toEqual([]);
    expect(read.durationMs).toBeGreaterThan(0);
  });

  it("reads the tag on a busy, photo-like background", async () => {
    const key = await stored(
      await makeTagPhoto({ lines: ["REF BL24-0387", "TAM G"], background: "busy", rotate: 4, seed: 3 }),
    );
    expect(tokens(await readPhotoText(key))).toContain("BL240387");
  });

  it('gives "" and no words, codes or error for a product photo with no text', async () => {
    const read = await readPhotoText(await stored(await makeProductPhoto(5)));
    expect(read).toMatchObject({ text: "", words: [], codes: [] });
  });

  it("reads an EAN-13 (as EAN-13), a Code 128 and a QR code printed on tags", async () => {
    const ean = ean13("789123456789");
    const onEan = await readPhotoText(
      await stored(await makeTagPhoto({ lines: ["REF VD25-0150"], barcode: { kind: "EAN13", value: ean }, rotate: 2 })),
    );
    expect(onEan.codes).toEqual([{ format: "EAN-13", text: ean }]);
    expect(tokens(onEan)).toContain("VD250150");

    const onCode128 = await readPhotoText(
      await stored(
        await makeTagPhoto({
          lines: ["REF VD25-0150"],
          barcode: { kind: "Code128", value: "VD25-0150-M" },
          background: "busy",
          rotate: -2,
        }),
      ),
    );
    expect(onCode128.codes).toEqual([{ format: "Code128", text: "VD25-0150-M" }]);

    const onQr = await readPhotoText(
      await stored(
        await makeTagPhoto({
          lines: ["REF VD25-0150"],
          barcode: { kind: "QRCode", value: "https://example.test/p/VD25-0150" },
          rotate: 3,
        }),
      ),
    );
    expect(onQr.codes).toEqual([{ format: "QRCode", text: "https://example.test/p/VD25-0150" }]);
  });

  it("gives no code and no error for a damaged barcode, and still reads the text", async () => {
    const read = await readPhotoText(
      await stored(
        await makeTagPhoto({
          lines: ["REF VD25-0150"],
          barcode: { kind: "EAN13", value: ean13("789123456789"), damaged: true },
        }),
      ),
    );
    expect(read.codes).toEqual([]);
    expect(tokens(read)).toContain("VD250150");
  });

  it("throws OriginalMissingError when the original is gone from storage", async () => {
    const key = await stored(await makeTagPhoto({ lines: ["REF VD25-0150"] }));
    await getStorage().delete(key);
    await expect(readPhotoText(key)).rejects.toBeInstanceOf(OriginalMissingError);
  });
});

describe("the OCR child's budget", () => {
  it("runs at nice 19, reads its language data from node_modules and writes no cache", async () => {
    const ready = await ocrChildReady(budget);
    expect(ready.languages).toEqual(["por", "eng"]);
    for (const file of ready.dataFiles) {
      expect(file.startsWith(path.join(process.cwd(), "node_modules", "@tesseract.js-data"))).toBe(true);
      expect(fs.statSync(file).size).toBeGreaterThan(500_000);
    }
    // cacheMethod "none": tesseract.js's default would leave por.traineddata in the working directory.
    expect(fs.readdirSync(process.cwd()).filter((f) => f.endsWith(".traineddata"))).toEqual([]);
    expect(fs.readdirSync(ready.langPath).sort()).toEqual(["eng.traineddata.gz", "por.traineddata.gz"]);
    const pid = ocrChildPid(budget)!;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])).toBe(19);
  });

  it("downscales a 24 MP original to the long side before OCR, within the memory bound", async () => {
    const key = await stored(await makeTagPhoto({ lines: ["REF VD25-0150"], width: 6000, height: 4000, rotate: -2 }));
    expect((await sharp((await openOriginal(key))!).metadata()).width).toBe(6000);
    const result = await readTextInChild((await openOriginal(key))!, budget);
    expect(result.ocrInput).toEqual({ width: budget.longSide, height: Math.round((budget.longSide * 4000) / 6000) });
    expect(result.peakRssBytes).toBeLessThan(budget.maxMemoryMb * 1024 * 1024);
    expect(rssOf(ocrChildPid(budget)!)).toBeLessThan(budget.maxMemoryMb * 1024 * 1024);
    expect(result.cpuMs).toBeGreaterThan(0);
    expect(tokens(await readPhotoText(key))).toContain("VD250150");
  });

  it("fails a photo past its timeout with OCR_TIMEOUT, restarts the child, and reads the next photo", async () => {
    const key = await stored(await makeTagPhoto({ lines: ["REF VD25-0150"], width: 6000, height: 4000 }));
    await ocrChildReady(budget);
    const pid = ocrChildPid(budget)!;
    const error = await readPhotoText(key, { ...budget, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoTextError);
    expect(error).toMatchObject({ code: "OCR_TIMEOUT" });
    await expect.poll(() => fs.existsSync(`/proc/${pid}`)).toBe(false);
    expect(tokens(await readPhotoText(key))).toContain("VD250150");
    expect(ocrChildPid(budget)).not.toBe(pid);
  });

  it("fails a photo with OCR_MEMORY when the child passes its memory bound (and the child ends)", async () => {
    const tight = { ...budget, maxMemoryMb: 64 };
    const key = await stored(await makeTagPhoto({ lines: ["REF VD25-0150"] }));
    try {
      const error = await readPhotoText(key, tight).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PhotoTextError);
      expect(error).toMatchObject({ code: "OCR_MEMORY" });
      expect(ocrChildPid(tight)).toBeUndefined();
    } finally {
      await stopOcrChild(tight);
    }
  });
});

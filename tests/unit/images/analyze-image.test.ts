import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyzeImage, dominantColorsFromRgb, grey32FromRgb, ImageAnalysisError } from "@/lib/images/analyze-image";

function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let bits = 0;
  while (x) {
    bits += Number(x & 1n);
    x >>= 1n;
  }
  return bits;
}

type Shape = { kind: "circle" | "rect"; x: number; y: number; w: number; h: number; rgb: [number, number, number] };

/** A photo-like picture (smooth shapes on a light background), drawn in raw pixels: SVG input is blocked by design. */
function scene(width: number, height: number, variant: number): Promise<Buffer> {
  const shapes: Shape[] =
    variant === 0
      ? [
          { kind: "circle", x: 0.3, y: 0.4, w: 0.22, h: 0, rgb: [192, 57, 43] },
          { kind: "rect", x: 0.55, y: 0.2, w: 0.35, h: 0.6, rgb: [44, 62, 80] },
        ]
      : [
          { kind: "rect", x: 0.05, y: 0.55, w: 0.9, h: 0.35, rgb: [39, 174, 96] },
          { kind: "circle", x: 0.75, y: 0.25, w: 0.15, h: 0, rgb: [241, 196, 15] },
        ];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number] = [236, 240, 241];
      for (const shape of shapes) {
        const u = x / width;
        const v = y / height;
        const inside =
          shape.kind === "rect"
            ? u >= shape.x && u < shape.x + shape.w && v >= shape.y && v < shape.y + shape.h
            : (x - shape.x * width) ** 2 + (y - shape.y * height) ** 2 < (shape.w * width) ** 2;
        if (inside) rgb = shape.rgb;
      }
      pixels.set(rgb, (y * width + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

describe("grey32FromRgb", () => {
  it("averages each cell of the picture (left half black, right half white)", () => {
    const width = 64;
    const height = 64;
    const rgb = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = width / 2; x < width; x++) rgb.fill(255, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const grey = grey32FromRgb(rgb, width, height);
    expect(grey).toHaveLength(32 * 32);
    expect(grey[5 * 32 + 3]).toBe(0);
    expect(grey[5 * 32 + 28]).toBe(255);
  });

  it("fills every cell even when the picture is narrower than 32 pixels", () => {
    const rgb = new Uint8Array(10 * 10 * 3).fill(200);
    expect([...grey32FromRgb(rgb, 10, 10)].every((value) => value === 200)).toBe(true);
  });
});

describe("dominantColorsFromRgb", () => {
  it("lists the most frequent colours first, averaged inside their bucket", () => {
    const red = [250, 2, 2];
    const blue = [0, 0, 240];
    const rgb = new Uint8Array([...red, ...red, ...red, ...blue, ...[252, 4, 0]]);
    // Red bucket: (250·3 + 252) / 4 = 250.5 → fb, (2·3 + 4) / 4 = 2.5 → 03, (2·3 + 0) / 4 = 1.5 → 02.
    expect(dominantColorsFromRgb(rgb)).toEqual(["#fb0302", "#0000f0"]);
  });

  it("returns at most `limit` colours", () => {
    const rgb = new Uint8Array(Array.from({ length: 30 }, (_, i) => [i * 8, 255 - i * 8, 128]).flat());
    expect(dominantColorsFromRgb(rgb, 3)).toHaveLength(3);
  });
});

describe("analyzeImage", () => {
  it("gives the same picture at another size and quality a near-identical perceptual hash, and another picture a distant one", async () => {
    const original = await analyzeImage(await scene(1600, 1200, 0));
    const resized = await analyzeImage(
      await sharp(await scene(1600, 1200, 0))
        .resize(640)
        .jpeg({ quality: 60 })
        .toBuffer(),
    );
    const other = await analyzeImage(await scene(1600, 1200, 1));
    expect(hammingDistance(original.perceptualHash, resized.perceptualHash)).toBeLessThanOrEqual(4);
    expect(hammingDistance(original.perceptualHash, other.perceptualHash)).toBeGreaterThanOrEqual(16);
    expect(original.dominantColors[0]).toBe("#ecf0f1");
  });

  it("reads a file path natively with the same result as its bytes", async () => {
    const bytes = await scene(800, 600, 1);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-analyze-")), "photo.jpg");
    fs.writeFileSync(file, bytes);
    const fromPath = await analyzeImage(file);
    const fromBytes = await analyzeImage(bytes);
    expect(fromPath).toEqual(fromBytes);
    expect(fromPath).toMatchObject({
      width: 800,
      height: 600,
      format: "jpeg",
      thumbnailWidth: 300,
      thumbnailHeight: 225,
    });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("rejects an empty file and a corrupt one with their own codes", async () => {
    await expect(analyzeImage(Buffer.alloc(0))).rejects.toMatchObject({ code: "IMAGE_EMPTY" });
    const error = await analyzeImage(Buffer.from("<html>not an image</html>")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageAnalysisError);
  });

  it("gives a truncated JPEG the same pt-BR reason every time, with libvips' words kept aside for the log", async () => {
    const jpeg = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: "#808080",
        noise: { type: "gaussian", mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const errors = await Promise.all(
      [1, 2, 3, 4].map(() =>
        analyzeImage(truncated).then(
          () => null,
          (e: unknown) => e as ImageAnalysisError,
        ),
      ),
    );
    for (const error of errors) {
      expect(error).toMatchObject({
        code: "IMAGE_CORRUPT",
        message: "Imagem corrompida ou incompleta: não foi possível decodificar o arquivo.",
      });
      expect(typeof error?.detail).toBe("string");
    }
  });
});

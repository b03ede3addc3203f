import sharp from "sharp";
import type { ErrorCode } from "@/lib/errors/error-codes";

/**
 * One decode per photo: libvips shrink-on-load decodes straight to thumbnail size, and that
 * small raw buffer feeds the thumbnail JPEG, the perceptual hash and the dominant colours
 * (three full decodes measured 0.04× the speed of one).
 */
export const THUMBNAIL_WIDTH = 300;
export const THUMBNAIL_QUALITY = 75;
export const DEFAULT_MAX_PIXELS = 120_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "gif", "webp", "tiff", "heif"]);

let isHardened = false;
/** Loaders we never accept (vector, document, scientific and raw formats) are blocked in libvips. */
export function hardenSharp(): void {
  if (isHardened) return;
  isHardened = true;
  sharp.block({
    operation: [
      "VipsForeignLoadSvg",
      "VipsForeignLoadPdf",
      "VipsForeignLoadMagick",
      "VipsForeignLoadOpenslide",
      "VipsForeignLoadFits",
      "VipsForeignLoadVips",
      "VipsForeignLoadMatrix",
      "VipsForeignLoadCsv",
      "VipsForeignLoadPpm",
      "VipsForeignLoadRad",
      "VipsForeignLoadAnalyze",
      "VipsForeignLoadJp2k",
      "VipsForeignLoadJxl",
      "VipsForeignLoadRaw",
    ],
  });
  sharp.cache(false);
}

/** Why a photo failed to process, stored in Image.processingErrorCode (codes of lib/errors/error-codes.ts). */
export type ImageFailureCode = Extract<
  ErrorCode,
  "IMAGE_UNSUPPORTED" | "IMAGE_TOO_LARGE" | "IMAGE_CORRUPT" | "IMAGE_EMPTY" | "ORIGINAL_MISSING" | "PROCESSING_ERROR"
>;

export class ImageAnalysisError extends Error {
  constructor(
    readonly code: Exclude<ImageFailureCode, "ORIGINAL_MISSING" | "PROCESSING_ERROR">,
    message: string,
    /** libvips' own words, for the log only: under concurrent pipelines libvips can lose them ("Unknown error"). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "ImageAnalysisError";
  }
}

export type ImageAnalysis = {
  width: number;
  height: number;
  format: string;
  orientation: number | null;
  thumbnail: Buffer;
  thumbnailWidth: number;
  thumbnailHeight: number;
  perceptualHash: string;
  dominantColors: string[];
};

function toAnalysisError(error: unknown): ImageAnalysisError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit|exceeds pixel/i.test(message)) {
    return new ImageAnalysisError(
      "IMAGE_TOO_LARGE",
      "A imagem excede o limite de pixels permitido (possível bomba de descompressão).",
    );
  }
  if (/unsupported image format|not a known file format|blocked|operation .* is blocked/i.test(message)) {
    return new ImageAnalysisError("IMAGE_UNSUPPORTED", "Formato de imagem não suportado.");
  }
  // One reason per failure kind, never libvips' text: that text is not stable (a truncated JPEG
  // reads "premature end of JPEG image" or, with other pipelines running, "Unknown error"), and a
  // photo that fails again after "reprocessar falhas" must say the same thing.
  return new ImageAnalysisError(
    "IMAGE_CORRUPT",
    "Imagem corrompida ou incompleta: não foi possível decodificar o arquivo.",
    message.split("\n")[0],
  );
}

/** 64-bit DCT perceptual hash (pHash) of a greyscale 32×32 version, as 16 hex characters. */
export function perceptualHashFromGrey32(grey: Uint8Array): string {
  const N = 32;
  const cos: number[][] = [];
  for (let k = 0; k < 8; k++) {
    cos.push(Array.from({ length: N }, (_, n) => Math.cos(((2 * n + 1) * k * Math.PI) / (2 * N))));
  }
  const coefficients: number[] = [];
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < N; y++) {
        const cy = cos[u]![y]!;
        for (let x = 0; x < N; x++) sum += grey[y * N + x]! * cy * cos[v]![x]!;
      }
      coefficients.push(sum);
    }
  }
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)]!;
  let hash = 0n;
  for (const c of coefficients) hash = (hash << 1n) | (c > median ? 1n : 0n);
  return hash.toString(16).padStart(16, "0");
}

/** Box-filtered 32×32 greyscale (Rec. 601 luma) of an RGB buffer: the pHash input, computed from the one decode. */
export function grey32FromRgb(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const N = 32;
  const sums = new Float64Array(N * N);
  const counts = new Uint32Array(N * N);
  const cellOfColumn = new Uint8Array(width);
  for (let x = 0; x < width; x++) cellOfColumn[x] = Math.min(N - 1, Math.floor((x * N) / width));
  for (let y = 0, i = 0; y < height; y++) {
    const row = Math.min(N - 1, Math.floor((y * N) / height)) * N;
    for (let x = 0; x < width; x++, i += 3) {
      const cell = row + cellOfColumn[x]!;
      sums[cell]! += 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
      counts[cell]! += 1;
    }
  }
  const grey = new Uint8Array(N * N);
  // An image narrower than 32 px leaves empty cells; they take the nearest filled one on the left/up.
  for (let cell = 0; cell < N * N; cell++) {
    grey[cell] = counts[cell] ? Math.round(sums[cell]! / counts[cell]!) : cell > 0 ? grey[cell - 1]! : 0;
  }
  return grey;
}

/** The most common colours (4 bits per channel buckets, averaged), as #rrggbb, most frequent first; every `pixelStep`-th pixel counts. */
export function dominantColorsFromRgb(rgb: Uint8Array, limit = 5, pixelStep = 1): string[] {
  const BUCKETS = 16 * 16 * 16;
  const count = new Uint32Array(BUCKETS);
  const red = new Float64Array(BUCKETS);
  const green = new Float64Array(BUCKETS);
  const blue = new Float64Array(BUCKETS);
  for (let i = 0; i + 2 < rgb.length; i += 3 * pixelStep) {
    const r = rgb[i]!,
      g = rgb[i + 1]!,
      b = rgb[i + 2]!;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    count[key]! += 1;
    red[key]! += r;
    green[key]! += g;
    blue[key]! += b;
  }
  const hex = (n: number) => Math.round(n).toString(16).padStart(2, "0");
  const used: number[] = [];
  for (let key = 0; key < BUCKETS; key++) if (count[key]) used.push(key);
  return used
    .sort((a, b) => count[b]! - count[a]! || a - b)
    .slice(0, limit)
    .map((key) => `#${hex(red[key]! / count[key]!)}${hex(green[key]! / count[key]!)}${hex(blue[key]! / count[key]!)}`);
}

/** `input` is the file's bytes or its path on local disk (libvips then reads it natively). */
export async function analyzeImage(
  input: Buffer | string,
  options: { maxPixels?: number } = {},
): Promise<ImageAnalysis> {
  hardenSharp();
  if (typeof input !== "string" && input.length === 0) throw new ImageAnalysisError("IMAGE_EMPTY", "Arquivo vazio.");
  const limitInputPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  try {
    // Header only (no decode), so the size check below can name the dimensions.
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    const source = sharp(input, { failOn: "truncated", limitInputPixels, sequentialRead: true });
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format))
      throw new ImageAnalysisError("IMAGE_UNSUPPORTED", "Formato de imagem não suportado.");
    if (!meta.width || !meta.height) throw new ImageAnalysisError("IMAGE_CORRUPT", "Imagem sem dimensões válidas.");
    if (meta.width * meta.height > limitInputPixels) {
      throw new ImageAnalysisError(
        "IMAGE_TOO_LARGE",
        `A imagem tem ${meta.width}×${meta.height} pixels, acima do limite de ${Math.round(limitInputPixels / 1e6)} megapixels (possível bomba de descompressão).`,
      );
    }
    // The one decode: oriented, shrunk on load, sRGB, 3 channels.
    const { data, info } = await source
      .rotate()
      .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: false })
      .toBuffer();
    const upright = (meta.orientation ?? 1) >= 5;
    return {
      width: upright ? meta.height : meta.width,
      height: upright ? meta.width : meta.height,
      format: meta.format,
      orientation: meta.orientation ?? null,
      thumbnail,
      thumbnailWidth: info.width,
      thumbnailHeight: info.height,
      // Both from the thumbnail's pixels in JS: two more libvips pipelines cost more than the arithmetic.
      perceptualHash: perceptualHashFromGrey32(grey32FromRgb(data, info.width, info.height)),
      dominantColors: dominantColorsFromRgb(data, 5, 3),
    };
  } catch (error) {
    if (error instanceof ImageAnalysisError) throw error;
    throw toAnalysisError(error);
  }
}

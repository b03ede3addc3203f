// Test photos with text and barcodes on them, made with sharp + SVG text (Debian's fonts-dejavu-core)
// and zxing-wasm 3's writer (the full build, from the package's own .wasm): printed clothing tags
// ("REF VD25-0150") on a plain or a busy, photo-like background, slightly rotated, and barcodes
// (EAN-13, Code 128, QR) of a given value. Used by the OCR tests, the e2e and `npm run bench:ocr`.
import fs from "node:fs";
import { createRequire } from "node:module";
import sharp from "sharp";
import { prepareZXingModule, writeBarcode } from "zxing-wasm/full";
import { mulberry32 } from "../bench/lib/prng";

const require = createRequire(import.meta.url);
export const TAG_FONT = "DejaVu Sans";
const FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

let writerReady = false;
function prepareWriter(): void {
  if (writerReady) return;
  if (!fs.existsSync(FONT_FILE)) throw new Error(`tag photos need Debian's fonts-dejavu-core (${FONT_FILE})`);
  const wasm = fs.readFileSync(require.resolve("zxing-wasm/full/zxing_full.wasm"));
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
  void prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  writerReady = true;
}

export type BarcodeKind = "EAN13" | "Code128" | "QRCode";

/** The 13-digit EAN of a 12-digit body (its GS1 check digit appended). */
export function ean13(body12: string): string {
  if (!/^\d{12}$/.test(body12)) throw new Error("an EAN-13 body is 12 digits");
  const sum = [...body12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body12 + String((10 - (sum % 10)) % 10);
}

/** A black-on-white PNG of the barcode `value` (`scale` px per module), with its quiet zone. */
export async function makeBarcodeImage(kind: BarcodeKind, value: string, scale = 4): Promise<Buffer> {
  prepareWriter();
  const written = await writeBarcode(value, { format: kind, scale, addQuietZones: true });
  if (written.error || !written.image) throw new Error(`zxing could not write ${kind} ${value}: ${written.error}`);
  return Buffer.from(await written.image.arrayBuffer());
}

/**
 * The same barcode with a band painted over its middle (a torn, smudged label): no decoder reads it,
 * EAN-13 checksum or Code 128 start/stop never line up. For QR the finder patterns are covered.
 */
export async function damageBarcode(png: Buffer): Promise<Buffer> {
  const { width, height } = await sharp(png).metadata();
  const w = width!;
  const h = height!;
  const band = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect x="${Math.round(w * 0.3)}" y="0" width="${Math.round(w * 0.4)}" height="${h}" fill="#000"/>
    <rect x="0" y="0" width="${Math.round(w * 0.35)}" height="${Math.round(h * 0.35)}" fill="#fff"/></svg>`;
  return sharp(png)
    .composite([{ input: Buffer.from(band) }])
    .png()
    .toBuffer();
}

export type TagPhotoOptions = {
  /** Lines printed on the tag, e.g. ["REF VD25-0150", "TAM M", "100% ALGODÃO"]. */
  lines: string[];
  /** plain: an even light studio background; busy: a noisy, textured, coloured "photo" around the tag. */
  background?: "plain" | "busy";
  /** Rotation of the tag in degrees (a tag is never perfectly straight on a photo). */
  rotate?: number;
  /** Size of the whole photo. */
  width?: number;
  height?: number;
  /** A barcode printed under the text. */
  barcode?: { kind: BarcodeKind; value: string; damaged?: boolean };
  /** Seed of the background's shapes and colours. */
  seed?: number;
  /** Font size (px) of the first line; the others are 70 % of it. */
  fontSize?: number;
};

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A busy photo-like background: coloured blobs (a garment, a hanger, a table), texture and noise. */
async function busyBackground(width: number, height: number, seed: number): Promise<Buffer> {
  const random = mulberry32(seed);
  const colour = () => `rgb(${[0, 1, 2].map(() => Math.floor(random() * 255)).join(",")})`;
  const shapes = Array.from({ length: 14 }, () => {
    const cx = Math.round(random() * width);
    const cy = Math.round(random() * height);
    const r = Math.round((0.1 + random() * 0.3) * Math.min(width, height));
    return random() < 0.5
      ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour()}" fill-opacity="0.8"/>`
      : `<rect x="${cx - r}" y="${cy - r / 2}" width="${r * 2}" height="${r}" fill="${colour()}" fill-opacity="0.8" transform="rotate(${Math.round(random() * 90)} ${cx} ${cy})"/>`;
  }).join("");
  const stripes = Array.from(
    { length: 40 },
    (_, i) =>
      `<line x1="${i * (width / 20)}" y1="0" x2="${i * (width / 20) - width / 3}" y2="${height}" stroke="${colour()}" stroke-width="6" stroke-opacity="0.35"/>`,
  ).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${colour()}"/>${shapes}${stripes}</svg>`;
  const noise = await sharp({
    create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 30 } },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: "soft-light" }])
    .blur(1.2)
    .png()
    .toBuffer();
}

/** A photo of a printed clothing tag (a light card with dark text, and optionally a barcode), as a JPEG. */
export async function makeTagPhoto(options: TagPhotoOptions): Promise<Buffer> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1200;
  const seed = options.seed ?? 1;
  const fontSize = options.fontSize ?? Math.round(Math.min(width, height) / 14);
  const small = Math.round(fontSize * 0.7);
  const lineGap = Math.round(fontSize * 1.35);
  const cardWidth = Math.round(width * 0.6);
  const barcodeHeight = options.barcode ? Math.round(height * 0.22) : 0;
  // Top margin, the lines (baseline to baseline), the last line's descent, the barcode, bottom margin.
  const textBottom = fontSize * 0.8 + lineGap * (options.lines.length - 1) + fontSize * 1.3;
  const cardHeight = Math.round(textBottom + (options.barcode ? barcodeHeight + fontSize * 0.3 : 0) + fontSize * 0.6);
  const cardX = Math.round((width - cardWidth) / 2);
  const cardY = Math.round((height - cardHeight) / 2);
  const text = options.lines
    .map(
      (line, i) =>
        `<text x="${cardX + fontSize * 0.6}" y="${cardY + fontSize * 0.8 + lineGap * i + fontSize}" font-family="${TAG_FONT}" font-size="${i === 0 ? fontSize : small}" font-weight="${i === 0 ? "bold" : "normal"}" fill="#1a1a1a">${escapeXml(line)}</text>`,
    )
    .join("");
  let barcodeImage = "";
  if (options.barcode) {
    let png = await makeBarcodeImage(options.barcode.kind, options.barcode.value, 4);
    if (options.barcode.damaged) png = await damageBarcode(png);
    const maxW = cardWidth - fontSize;
    const fitted = await sharp(png)
      .resize({ width: maxW, height: barcodeHeight - 10, fit: "inside", kernel: "nearest" })
      .png()
      .toBuffer({ resolveWithObject: true });
    const bx = cardX + Math.round((cardWidth - fitted.info.width) / 2);
    const by = cardY + Math.round(textBottom + fontSize * 0.3);
    barcodeImage = `<image x="${bx}" y="${by}" width="${fitted.info.width}" height="${fitted.info.height}" href="data:image/png;base64,${fitted.data.toString("base64")}"/>`;
  }
  const rotate = options.rotate ?? 0;
  const tag = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <g transform="rotate(${rotate} ${width / 2} ${height / 2})">
      <rect x="${cardX}" y="${cardY}" width="${cardWidth}" height="${cardHeight}" rx="${Math.round(fontSize / 3)}" fill="#f7f4ec" stroke="#b9b2a3" stroke-width="3"/>
      ${text}${barcodeImage}
    </g></svg>`;
  const base =
    options.background === "busy"
      ? await busyBackground(width, height, seed)
      : await sharp({ create: { width, height, channels: 3, background: "#dcd8d0" } })
          .png()
          .toBuffer();
  return sharp(base)
    .composite([{ input: Buffer.from(tag) }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** A studio product photo with no text on it: a light background and a coloured garment shape with texture. */
export async function makeProductPhoto(seed = 1, width = 1600, height = 2000): Promise<Buffer> {
  const random = mulberry32(seed);
  const [r, g, b] = [0, 1, 2].map(() => Math.floor(random() * 255));
  const sx = width / 1600;
  const sy = height / 2000;
  const pts = [
    [520, 300],
    [1080, 300],
    [1240, 620],
    [1120, 680],
    [1100, 1800],
    [500, 1800],
    [480, 680],
    [360, 620],
  ]
    .map(([x, y]) => `${Math.round(x! * sx)} ${Math.round(y! * sy)}`)
    .join(" L");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="rgb(236,234,230)"/>
    <path d="M${pts} Z" fill="rgb(${r},${g},${b})"/>
    <circle cx="${width / 2}" cy="${Math.round(330 * sy)}" r="${Math.round(90 * sx)}" fill="rgb(236,234,230)"/></svg>`;
  const noise = await sharp({
    create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 24 } },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: "soft-light" }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Sample SKUs printed on tags, shaped like the carteira's (`VD25-0150`). */
export function tagSku(i: number): string {
  const letters = ["VD", "BL", "CM", "SA", "JQ", "VT"][i % 6]!;
  return `${letters}${24 + (i % 3)}-${String(100 + ((i * 37) % 900)).padStart(4, "0")}`;
}

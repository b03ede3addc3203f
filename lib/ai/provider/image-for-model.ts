import sharp from "sharp";
import { DEFAULT_MAX_PIXELS } from "@/lib/images/analyze-image";
import { openOriginal } from "@/lib/images/process-image";

/** The photo's original is gone from blob storage: the analysis fails for it, nothing is retried. */
export class OriginalMissingError extends Error {
  readonly code = "ORIGINAL_MISSING" as const;

  constructor(readonly storageKey: string) {
    super("O arquivo original não foi encontrado no armazenamento.");
    this.name = "OriginalMissingError";
  }
}

/** JPEG quality of the model's copy: enough for colours and textures at a fraction of the bytes. */
const JPEG_QUALITY = 80;

/**
 * What the vision model is sent: the original read from storage (by path when local, as libvips
 * likes it), turned upright by its EXIF orientation, fitted inside `longSide` px (never enlarged),
 * flattened on white, as a JPEG data URL — never the 24 MP original.
 */
export async function imageDataUrlForModel(storageKey: string, longSide: number): Promise<string> {
  const input = await openOriginal(storageKey);
  if (input === null) throw new OriginalMissingError(storageKey);
  const jpeg = await sharp(input, { limitInputPixels: DEFAULT_MAX_PIXELS, sequentialRead: true })
    .rotate()
    .resize({ width: longSide, height: longSide, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}

import { DEFAULT_MAX_PIXELS } from "@/lib/images/analyze-image";
import { openOriginal } from "@/lib/images/process-image";
import { renderModelImageInChild } from "./model-image/render-in-child";

/** The photo's original is gone from blob storage: the analysis fails for it, nothing is retried. */
export class OriginalMissingError extends Error {
  readonly code = "ORIGINAL_MISSING" as const;

  constructor(readonly storageKey: string) {
    super("O arquivo original não foi encontrado no armazenamento.");
    this.name = "OriginalMissingError";
  }
}

/**
 * What the vision model is sent: the original read from storage (by path when local, as libvips
 * likes it), turned upright by its EXIF orientation, fitted inside `longSide` px (never enlarged),
 * flattened on white, as a JPEG data URL — never the 24 MP original. The decode runs in a nice-19
 * child process (model-image/render-in-child.ts) so it never takes the CPU from ingestion.
 */
export async function imageDataUrlForModel(storageKey: string, longSide: number): Promise<string> {
  const input = await openOriginal(storageKey);
  if (input === null) throw new OriginalMissingError(storageKey);
  const jpeg = await renderModelImageInChild(input, longSide, DEFAULT_MAX_PIXELS);
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}

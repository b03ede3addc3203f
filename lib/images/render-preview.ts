import "server-only";
import pLimit from "p-limit";
import sharp from "sharp";
import { ApiError } from "@/lib/api/errors";
import { getStorage } from "@/lib/storage/get-storage";
import { DEFAULT_MAX_PIXELS, hardenSharp } from "./analyze-image";
import { openOriginal } from "./process-image";
import { PREVIEW_SIZE, previewKey } from "./preview-key";

/**
 * The detail panel's large preview: a WebP rendition of the original, rendered on first request
 * and kept in blob storage under a key derived from the original's sha256 (same bytes, same
 * rendition, never stale), so ingest never pays for it. Renders run a few at a time per process:
 * each decodes a full-size original (tens of megapixels), and the machine's cores belong to the
 * ingest workers first.
 */
const PREVIEW_QUALITY = 80;
export const PREVIEW_RENDER_CONCURRENCY = 2;
/** Beyond this many renders waiting, answer 503 with Retry-After instead of queueing without bound. */
const PREVIEW_MAX_WAITING = 24;

const limit = pLimit(PREVIEW_RENDER_CONCURRENCY);
/** One render per key at a time: a panel and its neighbour prefetch asking together share it. */
const rendering = new Map<string, Promise<void>>();

export { PREVIEW_SIZE, previewKey };

async function render(storageKey: string, key: string): Promise<void> {
  const input = await openOriginal(storageKey);
  if (input === null) throw new ApiError("NOT_FOUND", "Arquivo original não encontrado.");
  hardenSharp();
  const webp = await sharp(input, { limitInputPixels: DEFAULT_MAX_PIXELS, sequentialRead: true })
    .rotate()
    .resize({ width: PREVIEW_SIZE, height: PREVIEW_SIZE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: PREVIEW_QUALITY })
    .toBuffer();
  await getStorage().put(key, webp, { contentType: "image/webp" });
}

/** Makes sure the rendition of this original is stored (renders it when missing); returns its key. */
export async function ensurePreview(image: { storageKey: string; sha256: string }): Promise<string> {
  const key = previewKey(image.sha256);
  if (await getStorage().head(key)) return key;
  let pending = rendering.get(key);
  if (!pending) {
    if (limit.pendingCount >= PREVIEW_MAX_WAITING)
      throw new ApiError(
        "SERVICE_UNAVAILABLE",
        "Muitas pré-visualizações sendo geradas agora. Tente novamente em instantes.",
        undefined,
        { "Retry-After": "2" },
      );
    pending = limit(() => render(image.storageKey, key)).finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  await pending;
  return key;
}

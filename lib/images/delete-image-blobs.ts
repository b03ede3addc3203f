import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { previewKey } from "./preview-key";

const log = getLogger("STORAGE");

/** The blobs of an image row: its original, its thumbnail and its large preview (by sha256). */
export type ImageBlobs = { storageKey: string; thumbnailKey: string | null; sha256: string };

const DELETE_CONCURRENCY = 8;

/**
 * Removes the blobs of image rows that were deleted (call it after the deleting transaction
 * committed, never before: a failure here leaves an orphan blob the hourly sweep removes, never a
 * row without its blob). A key some remaining row still points at is kept, and so is the preview
 * of bytes an image row holds again (an upload of the same file since). Failures are counted and
 * logged, not thrown; `deleted` counts originals and thumbnails.
 */
export async function deleteImageBlobs(images: readonly ImageBlobs[]): Promise<{ deleted: number; failed: number }> {
  if (images.length === 0) return { deleted: 0, failed: 0 };
  const keys = images.flatMap((image) =>
    image.thumbnailKey ? [image.storageKey, image.thumbnailKey] : [image.storageKey],
  );
  const shas = images.map((image) => image.sha256);
  const referenced = await getPrisma().$queryRaw<{ key: string }[]>`
    SELECT "storageKey" AS key FROM "Image" WHERE "storageKey" = ANY(${keys}::text[])
    UNION SELECT "thumbnailKey" FROM "Image" WHERE "thumbnailKey" = ANY(${keys}::text[])
    UNION SELECT 'sha:' || "sha256" FROM "Image" WHERE "sha256" = ANY(${shas}::text[])`;
  const keep = new Set(referenced.map((row) => row.key));
  const originalsAndThumbnails = keys.filter((key) => !keep.has(key));
  // Most photos never had a preview rendered: removing those keys is a no-op, not counted.
  const previews = images.filter((image) => !keep.has(`sha:${image.sha256}`)).map((image) => previewKey(image.sha256));
  const storage = getStorage();
  let deleted = 0;
  let failed = 0;
  const doomed = [
    ...originalsAndThumbnails.map((key) => ({ key, counted: true })),
    ...previews.map((key) => ({ key, counted: false })),
  ];
  for (let i = 0; i < doomed.length; i += DELETE_CONCURRENCY) {
    const slice = doomed.slice(i, i + DELETE_CONCURRENCY);
    const results = await Promise.allSettled(slice.map(({ key }) => storage.delete(key)));
    results.forEach((result, j) => {
      if (result.status === "rejected") failed += 1;
      else if (slice[j]!.counted) deleted += 1;
    });
  }
  if (failed > 0)
    log.warn(
      { action: "IMAGE_BLOBS_DELETE_FAILED", failed, deleted },
      "Arquivos de imagens excluídas não puderam ser removidos (a varredura de órfãos os remove)",
    );
  return { deleted, failed };
}

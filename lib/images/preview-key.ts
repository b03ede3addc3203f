/**
 * Where the detail panel's large preview of an original is kept (render-preview.ts renders it):
 * derived from the original's sha256, so the same bytes share one rendition. Plain module: the
 * batch purge (worker processes) removes a deleted image's preview by this key too.
 */
export const PREVIEW_SIZE = 1600;

export function previewKey(sha256: string): string {
  return `previews/${sha256}-${PREVIEW_SIZE}.webp`;
}

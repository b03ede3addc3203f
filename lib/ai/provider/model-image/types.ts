/** One photo for the model-image child: a local path (libvips reads it by itself) or the original's bytes. */
export type ModelImageRequest = { id: number; input: string | Uint8Array; longSide: number; maxPixels: number };
export type ModelImageReply = { id: number; jpeg: Uint8Array } | { id: number; error: string };

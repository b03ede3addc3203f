import "server-only";
import { Readable } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";
import { parseRangeHeader } from "@/lib/storage/range";
import { INLINE_SAFE_MIME } from "./detect-image-type";
import { ensurePreview, PREVIEW_SIZE } from "./render-preview";

function toWeb(body: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>;
}

async function findImage(id: string) {
  const image = await getPrisma().image.findUnique({
    where: { id },
    select: {
      id: true,
      storageKey: true,
      thumbnailKey: true,
      contentType: true,
      sha256: true,
      originalName: true,
      processingStatus: true,
    },
  });
  if (!image) throw new ApiError("NOT_FOUND", "Imagem não encontrada.");
  return image;
}

/** Thumbnails never change for a given key: ETag + a year of private caching. */
export async function serveThumbnail(id: string, request: Request): Promise<Response> {
  const image = await findImage(id);
  if (!image.thumbnailKey) throw new ApiError("NOT_FOUND", "Miniatura ainda não gerada.");
  const etag = `"${image.thumbnailKey.split("/").pop()}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": "private, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const file = await getStorage().get(image.thumbnailKey);
  if (!file) throw new ApiError("NOT_FOUND", "Miniatura não encontrada.");
  return new Response(toWeb(file.body), {
    headers: { ...headers, "Content-Type": "image/jpeg", "Content-Length": String(file.size) },
  });
}

/**
 * The large preview (WebP, at most PREVIEW_SIZE px a side), rendered and stored on first request
 * (lib/images/render-preview.ts); like thumbnails it never changes for a given original.
 */
export async function servePreview(id: string, request: Request): Promise<Response> {
  const image = await findImage(id);
  if (image.processingStatus !== "READY") throw new ApiError("NOT_FOUND", "Foto ainda não processada.");
  const etag = `"${image.sha256}-${PREVIEW_SIZE}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": "private, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const file = await getStorage().get(await ensurePreview(image));
  if (!file) throw new ApiError("NOT_FOUND", "Pré-visualização não encontrada.");
  return new Response(toWeb(file.body), {
    headers: { ...headers, "Content-Type": "image/webp", "Content-Length": String(file.size) },
  });
}

/**
 * Originals with their verified type, byte ranges, nosniff; shown inline only when they are raster
 * types browsers render safely, otherwise downloaded as attachments.
 */
export async function serveOriginal(id: string, request: Request): Promise<Response> {
  const image = await findImage(id);
  const storage = getStorage();
  const head = await storage.head(image.storageKey);
  if (!head) throw new ApiError("NOT_FOUND", "Arquivo original não encontrado.");
  const range = parseRangeHeader(request.headers.get("range"), head.size);
  if (range === "unsatisfiable") {
    return new Response(JSON.stringify({ error: "RANGE_NOT_SATISFIABLE", message: "Intervalo de bytes inválido." }), {
      status: 416,
      headers: { "Content-Range": `bytes */${head.size}`, "Content-Type": "application/json" },
    });
  }
  const file = await storage.get(image.storageKey, range ?? undefined);
  if (!file) throw new ApiError("NOT_FOUND", "Arquivo original não encontrado.");
  const disposition = INLINE_SAFE_MIME.has(image.contentType) ? "inline" : "attachment";
  const headers: Record<string, string> = {
    "Content-Type": image.contentType,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(image.originalName)}`,
    "Accept-Ranges": "bytes",
    ETag: `"${image.sha256}"`,
    "Cache-Control": "private, max-age=3600",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  if (file.range) {
    headers["Content-Range"] = `bytes ${file.range.start}-${file.range.end}/${file.size}`;
    headers["Content-Length"] = String(file.range.end - file.range.start + 1);
    return new Response(toWeb(file.body), { status: 206, headers });
  }
  headers["Content-Length"] = String(file.size);
  return new Response(toWeb(file.body), { headers });
}

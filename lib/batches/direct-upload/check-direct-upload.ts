import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { detectImageType, IMAGE_SNIFF_BYTES } from "@/lib/images/detect-image-type";
import type { ClaimedImage } from "@/lib/images/process-image";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { recordUploadRefusal } from "../record-upload-refusal";

const log = getLogger("UPLOAD");

/** A claimed photo with what its upload declared; `isContentVerified` false for a direct upload not yet read. */
export type DeclaredImage = ClaimedImage & { sha256: string; bytes: number; isContentVerified: boolean };

/** sha256, size and first bytes of the original (bytes in memory, or a file on local storage). */
async function digestOriginal(input: Buffer | string): Promise<{ sha256: string; size: number; head: Buffer }> {
  if (Buffer.isBuffer(input)) {
    return {
      sha256: crypto.createHash("sha256").update(input).digest("hex"),
      size: input.length,
      head: input.subarray(0, IMAGE_SNIFF_BYTES),
    };
  }
  const hash = crypto.createHash("sha256");
  let size = 0;
  const head: Buffer[] = [];
  for await (const chunk of createReadStream(input)) {
    const buffer = chunk as Buffer;
    if (size < IMAGE_SNIFF_BYTES) head.push(buffer.subarray(0, IMAGE_SNIFF_BYTES - size));
    size += buffer.length;
    hash.update(buffer);
  }
  return { sha256: hash.digest("hex"), size, head: Buffer.concat(head) };
}

/** Why the bytes are not what the upload declared, or null when they are. */
function mismatch(image: DeclaredImage, actual: { sha256: string; size: number; head: Buffer }): ApiError | null {
  if (actual.size === 0) return new ApiError("BAD_REQUEST", "Arquivo vazio.", { code: "EMPTY_FILE" });
  if (!detectImageType(actual.head))
    return new ApiError(
      "UNSUPPORTED_MEDIA_TYPE",
      "O conteúdo do arquivo não é uma imagem aceita (JPEG, PNG, WebP, GIF, TIFF, HEIC/AVIF).",
    );
  if (actual.size !== image.bytes || actual.sha256 !== image.sha256)
    return new ApiError("BAD_REQUEST", "O arquivo recebido não é o que o envio declarou (tamanho ou sha256).", {
      code: "UPLOAD_CONTENT_MISMATCH",
    });
  return null;
}

/**
 * The worker's check of a direct upload before processing (`OriginalCheck` of the image
 * pipeline): the real type from the first bytes, then size and sha256 against what the upload
 * declared. A photo that passes keeps its row (its real type written, if the browser named
 * another); one that fails is removed — row, links and blob — and every batch that received it
 * keeps the file as refused with the reason, exactly like a file the streaming route refuses.
 * Photos streamed through our route were checked on the way in and pass untouched.
 */
export async function checkDirectUpload(image: DeclaredImage, input: Buffer | string): Promise<boolean> {
  if (image.isContentVerified) return true;
  const actual = await digestOriginal(input);
  const error = mismatch(image, actual);
  const prisma = getPrisma();
  if (!error) {
    const type = detectImageType(actual.head)!;
    await prisma.image.update({
      where: { id: image.id },
      data: { contentType: type.mime, format: type.format, isContentVerified: true },
    });
    return true;
  }
  const links = await prisma.batchUpload.findMany({
    where: { imageId: image.id },
    select: { batchId: true, clientUploadId: true, originalName: true, relativePath: true },
  });
  // The row first (its links go with it): a refusal is only written for an upload id with no link.
  await prisma.image.delete({ where: { id: image.id } });
  for (const link of links)
    await recordUploadRefusal(
      link.batchId,
      { uploadId: link.clientUploadId, name: link.originalName, relativePath: link.relativePath },
      error,
    );
  await getStorage()
    .delete(image.storageKey)
    .catch(() => {});
  const code = (error.details as { code?: string } | undefined)?.code ?? error.code;
  log.warn({ action: "DIRECT_UPLOAD_REFUSED", imageId: image.id, code, bytes: actual.size }, error.message);
  return false;
}

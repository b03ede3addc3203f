import "server-only";
import { generateClientTokenFromReadWriteToken } from "@vercel/blob/client";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { acceptedImageTypeForMime } from "@/lib/images/detect-image-type";
import { sanitizeFileName, sanitizeRelativePath } from "@/lib/images/sanitize-upload-name";
import { newStorageKey } from "@/lib/storage/keys";
import { ACCEPTS_UPLOADS } from "../batch-lifecycle";
import { getUploadTargetOrThrow } from "../get-upload-target";
import { recordUploadRefusal } from "../record-upload-refusal";
import type { DirectUploadRequest } from "../schemas";
import type { DirectUploadGrant } from "./types";
import { clientUploadsOrThrow } from "./direct-upload-store";
import { signUploadTicket } from "./upload-ticket";

/** A client token's life; the ticket outlives it by a margin so a callback that arrives late still records the file. */
const TOKEN_TTL_MS = 60 * 60_000;
const TICKET_MARGIN_MS = 15 * 60_000;
export const DIRECT_UPLOAD_CALLBACK_PATH = "/api/v1/direct-uploads/callback";

function callbackUrl(): string | undefined {
  const env = getEnv();
  const origin = env.VERCEL_BLOB_CALLBACK_URL ?? env.APP_URL ?? env.NEXTAUTH_URL;
  return origin ? new URL(DIRECT_UPLOAD_CALLBACK_PATH, origin).toString() : undefined;
}

/**
 * Checks one file a browser wants to put straight into Vercel Blob and, when it may, issues a
 * client token for a pathname of ours (`originals/YYYY/MM/<uuid>.<ext>`) that allows exactly the
 * declared size and type. Refused: a batch that is missing, deleted or no longer accepts files
 * (as the streaming route), and a file that is empty, over UPLOAD_MAX_BYTES or of a type we do not
 * take; those last three are kept on the batch as refusals, as the streaming route keeps them.
 * An upload id the batch already recorded answers "already_uploaded" (a reload re-sends nothing).
 */
export async function issueDirectUpload(batchId: string, request: DirectUploadRequest): Promise<DirectUploadGrant> {
  const store = clientUploadsOrThrow();
  const secret = store.token;
  const batch = await getUploadTargetOrThrow(batchId);
  if (!ACCEPTS_UPLOADS.includes(batch.status))
    throw new ApiError("CONFLICT", "Este lote não aceita mais arquivos.", { code: "BATCH_NOT_ACCEPTING" });
  const recorded = await getPrisma().batchUpload.findUnique({
    where: { batchId_clientUploadId: { batchId, clientUploadId: request.uploadId } },
    select: { imageId: true },
  });
  if (recorded) return { status: "already_uploaded", uploadId: request.uploadId, imageId: recorded.imageId };

  const relativePath = sanitizeRelativePath(request.path);
  const name = sanitizeFileName(relativePath ?? request.path);
  const file = { uploadId: request.uploadId, name, relativePath };
  const maxBytes = getEnv().UPLOAD_MAX_BYTES;
  const type = acceptedImageTypeForMime(request.contentType);
  const refusal =
    request.size === 0
      ? new ApiError("BAD_REQUEST", "Arquivo vazio.", { code: "EMPTY_FILE" })
      : request.size > maxBytes
        ? new ApiError("PAYLOAD_TOO_LARGE", `Arquivo acima do limite de ${Math.round(maxBytes / 1024 / 1024)} MB.`)
        : !type
          ? new ApiError(
              "UNSUPPORTED_MEDIA_TYPE",
              "O arquivo não é uma imagem aceita (JPEG, PNG, WebP, GIF, TIFF, HEIC/AVIF).",
            )
          : null;
  if (refusal || !type) {
    const error = refusal!;
    await recordUploadRefusal(batchId, file, error);
    throw error;
  }

  const pathname = newStorageKey("originals", type.extension);
  const now = Date.now();
  const ticket = signUploadTicket(
    {
      batchId,
      ...file,
      pathname,
      size: request.size,
      contentType: type.mime,
      sha256: request.sha256,
      expiresAt: now + TOKEN_TTL_MS + TICKET_MARGIN_MS,
    },
    secret,
  );
  const callback = callbackUrl();
  const clientToken = await generateClientTokenFromReadWriteToken({
    token: secret,
    pathname,
    allowedContentTypes: [type.mime],
    maximumSizeInBytes: request.size,
    validUntil: now + TOKEN_TTL_MS,
    addRandomSuffix: false,
    // The pathname is this token's alone; a retry of the same PUT (the client retries network errors) may land twice.
    allowOverwrite: true,
    onUploadCompleted: callback ? { callbackUrl: callback, tokenPayload: ticket } : undefined,
  });
  return {
    status: "ready",
    uploadId: request.uploadId,
    pathname,
    clientToken,
    access: store.access,
    contentType: type.mime,
    ...(store.apiUrl ? { apiUrl: store.apiUrl } : {}),
    ticket,
  };
}

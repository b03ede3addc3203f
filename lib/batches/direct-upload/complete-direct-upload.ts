import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { acceptedImageTypeForMime } from "@/lib/images/detect-image-type";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { getUploadTargetOrThrow } from "../get-upload-target";
import { recordStoredUpload, type UploadResult } from "../ingest-upload";
import { recordUploadRefusal } from "../record-upload-refusal";
import { clientUploadsOrThrow } from "./direct-upload-store";
import { verifyUploadTicket } from "./upload-ticket";

const log = getLogger("UPLOAD");

/**
 * Records a file the browser put straight into the store, from the ticket issued with its token:
 * called by the store's completion callback and by the browser's confirm, in either order or at
 * once: the first records the row (same statement, same dedupe by sha256 and same matching as the
 * streaming route), the second touches nothing and gets the same answer (stored or duplicate). The blob must exist
 * with the declared size (HEAD); a different size removes it and keeps the file as refused. Type
 * and sha256 stay the upload's claims (`isContentVerified` false) until the worker reads the
 * bytes (`checkDirectUpload`). `batchId` (the confirm's route) must be the ticket's batch.
 */
export async function completeDirectUpload(signedTicket: string, batchId?: string): Promise<UploadResult> {
  const ticket = verifyUploadTicket(signedTicket, clientUploadsOrThrow().token);
  if (batchId !== undefined && ticket.batchId !== batchId)
    throw new ApiError("BAD_REQUEST", "Este comprovante de envio é de outro lote.", {
      code: "DIRECT_UPLOAD_TICKET_INVALID",
    });
  const base = { uploadId: ticket.uploadId, name: ticket.name, relativePath: ticket.relativePath };
  // Recorded already (by the other completion): the same answer it got. A ticket is issued only
  // for an upload id the batch did not have, so the link found is this very upload's.
  const recordedAnswer = async (): Promise<UploadResult | null> => {
    const link = await getPrisma().batchUpload.findUnique({
      where: { batchId_clientUploadId: { batchId: ticket.batchId, clientUploadId: ticket.uploadId } },
      select: { imageId: true, isDuplicate: true },
    });
    return link && { ...base, status: link.isDuplicate ? "duplicate" : "stored", imageId: link.imageId };
  };
  const recorded = await recordedAnswer();
  if (recorded) return recorded;

  const batch = await getUploadTargetOrThrow(ticket.batchId);
  const storage = getStorage();
  const meta = await storage.head(ticket.pathname);
  if (!meta) {
    // No blob: maybe the other completion recorded a duplicate and removed it a moment ago.
    const late = await recordedAnswer();
    if (late) return late;
    throw new ApiError("NOT_FOUND", "O arquivo não está no armazenamento; envie-o novamente.", {
      code: "DIRECT_UPLOAD_NOT_FOUND",
    });
  }
  const type = acceptedImageTypeForMime(ticket.contentType);
  if (meta.size !== ticket.size || !type) {
    const error = new ApiError(
      "BAD_REQUEST",
      `O arquivo recebido (${meta.size} bytes) não é o que o envio declarou (${ticket.size} bytes).`,
      { code: "UPLOAD_CONTENT_MISMATCH" },
    );
    await storage.delete(ticket.pathname).catch(() => {});
    await recordUploadRefusal(batch.id, base, error);
    log.warn(
      { action: "DIRECT_UPLOAD_MISMATCH", batchId: batch.id, bytes: meta.size, declared: ticket.size },
      error.message,
    );
    throw error;
  }
  const result = await recordStoredUpload(batch, {
    base,
    storageKey: ticket.pathname,
    sha256: ticket.sha256,
    size: meta.size,
    type,
    storedAt: Date.now(),
    isContentVerified: false,
  });
  // The other completion won the race inside the recording statement: its answer, not "already_uploaded".
  return result.status === "already_uploaded" ? ((await recordedAnswer()) ?? result) : result;
}

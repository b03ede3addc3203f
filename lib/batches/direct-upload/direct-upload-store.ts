import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getStorage } from "@/lib/storage/get-storage";
import type { ClientUploadCapability } from "@/lib/storage/types";
import type { UploadTransport } from "../schemas";

export function uploadTransport(): UploadTransport {
  return getStorage().clientUploads ? "direct" : "stream";
}

/** The store's client-upload capability; CONFLICT DIRECT_UPLOADS_DISABLED when files go through the streaming route. */
export function clientUploadsOrThrow(): ClientUploadCapability {
  const capability = getStorage().clientUploads;
  if (!capability)
    throw new ApiError(
      "CONFLICT",
      "Este servidor recebe os arquivos pela rota de envio (POST /batches/{id}/files), não por envio direto.",
      { code: "DIRECT_UPLOADS_DISABLED" },
    );
  return capability;
}

import "server-only";
import { BlobError } from "@vercel/blob";
import { handleUpload, type HandleUploadBody } from "@vercel/blob/client";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { completeDirectUpload } from "./complete-direct-upload";
import { clientUploadsOrThrow } from "./direct-upload-store";

/**
 * The store's `blob.upload-completed` call for a client token we issued: `handleUpload` checks its
 * signature (`x-vercel-signature`, HMAC of the body keyed by the read-write token), then the
 * ticket it carries records the file (`completeDirectUpload`, idempotent with the browser's
 * confirm). Tokens are issued by our own route, never through this one: any other event is a 400.
 */
export async function receiveDirectUploadCallback(request: Request): Promise<{ type: string; response: string }> {
  const { token } = clientUploadsOrThrow();
  const body = (await readJsonBody(request)) as HandleUploadBody | null;
  if (body?.type !== "blob.upload-completed")
    throw new ApiError("BAD_REQUEST", "Só a notificação de envio concluído (blob.upload-completed) é aceita aqui.");
  try {
    const answer = await handleUpload({
      token,
      request,
      body,
      onBeforeGenerateToken: () => Promise.reject(new ApiError("BAD_REQUEST", "Tokens não são emitidos aqui.")),
      onUploadCompleted: async ({ tokenPayload }) => {
        await completeDirectUpload(tokenPayload ?? "");
      },
    });
    return answer as { type: string; response: string };
  } catch (error) {
    // handleUpload's own refusals: a missing or wrong signature.
    if (error instanceof BlobError) throw new ApiError("FORBIDDEN", "Assinatura da notificação inválida.");
    throw error;
  }
}

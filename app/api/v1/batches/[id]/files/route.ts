// POST /api/v1/batches/{id}/files: multipart upload streamed to blob storage → per-file results.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { getUploadTargetOrThrow } from "@/lib/batches/get-upload-target";
import { receiveMultipartUpload } from "@/lib/batches/receive-multipart-upload";
import { getEnv } from "@/lib/config/env";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batch = await getUploadTargetOrThrow(parseRouteId(params.id, "Lote não encontrado."));
  const { results, errors } = await receiveMultipartUpload(request, batch, getEnv().UPLOAD_MAX_BYTES);
  // A single rejected file answers with its own status (413, 415, 400…); several files get 200 with per-file results.
  if (results.length === 1 && errors.length === 1) {
    const error = errors[0]!;
    return errorResponse(new ApiError(error.code, error.message, { results }));
  }
  return { results };
});

// POST /api/v1/batches/{id}/direct-uploads: a client token for one file the browser puts straight into Vercel Blob.
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { issueDirectUpload } from "@/lib/batches/direct-upload/issue-direct-upload";
import { directUploadRequestSchema } from "@/lib/batches/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batchId = parseRouteId(params.id, "Lote não encontrado.");
  return issueDirectUpload(batchId, await readJson(request, directUploadRequestSchema));
});

// POST /api/v1/batches/{id}/direct-uploads/complete: the browser's confirm once its PUT to Vercel Blob succeeded → the file's result.
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { completeDirectUpload } from "@/lib/batches/direct-upload/complete-direct-upload";
import { directUploadCompleteSchema } from "@/lib/batches/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batchId = parseRouteId(params.id, "Lote não encontrado.");
  const { ticket } = await readJson(request, directUploadCompleteSchema);
  return { results: [await completeDirectUpload(ticket, batchId)] };
});

// POST /api/v1/batches/{id}/uploads/check: which client upload ids this batch already has (resume after reload).
import { apiHandler, readJson, parseRouteId } from "@/lib/api/api-handler";
import { getPrisma } from "@/lib/db/client";
import { uploadsCheckSchema } from "@/lib/batches/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batchId = parseRouteId(params.id, "Lote não encontrado.");
  const { uploadIds } = await readJson(request, uploadsCheckSchema);
  const rows = await getPrisma().batchUpload.findMany({
    where: { batchId, clientUploadId: { in: uploadIds } },
    select: { clientUploadId: true },
  });
  return { existing: rows.map((r) => r.clientUploadId) };
});

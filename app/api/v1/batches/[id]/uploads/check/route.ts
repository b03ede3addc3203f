// POST /api/v1/batches/{id}/uploads/check: which client upload ids this batch already has (resume after reload).
import { apiHandler, readJson, parseRouteId } from "@/lib/api/api-handler";
import { findExistingUploadIds } from "@/lib/batches/find-existing-uploads";
import { uploadsCheckSchema } from "@/lib/batches/schemas";
import type { UploadsCheckResult } from "@/lib/queries/types";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batchId = parseRouteId(params.id, "Lote não encontrado.");
  const { uploadIds } = await readJson(request, uploadsCheckSchema);
  return { existing: await findExistingUploadIds(batchId, uploadIds) } satisfies UploadsCheckResult;
});

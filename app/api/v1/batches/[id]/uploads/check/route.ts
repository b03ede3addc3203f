// POST /api/v1/batches/{id}/uploads/check: which client upload ids this batch already has (resume after reload).
import { z } from "zod";
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { uploadsCheckSchema } from "@/lib/batches/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batchId = z.uuid().safeParse(params.id);
  if (!batchId.success) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  const { uploadIds } = await readJson(request, uploadsCheckSchema);
  const rows = await getPrisma().batchUpload.findMany({
    where: { batchId: batchId.data, clientUploadId: { in: uploadIds } },
    select: { clientUploadId: true },
  });
  return { existing: rows.map((r) => r.clientUploadId) };
});

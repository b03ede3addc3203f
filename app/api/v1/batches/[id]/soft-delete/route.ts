// POST /api/v1/batches/{id}/soft-delete: hides the batch, restorable for {retention_days} (seed 004).
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { softDeleteBatch } from "@/lib/batches/retention/soft-delete-batch";
import { softDeleteBatchSchema } from "@/lib/batches/retention/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = parseRouteId(params.id, "Lote não encontrado.");
  const input = await readJson(request, softDeleteBatchSchema);
  return softDeleteBatch(user, id, input.retention_days);
});

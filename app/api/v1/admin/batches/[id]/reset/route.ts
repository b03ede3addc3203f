// POST /api/v1/admin/batches/{id}/reset: a stuck batch back to a consistent state (admins, audited).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { resetBatch } from "@/lib/system/reset-batch";
import { readOptionalJson } from "@/lib/system/read-optional-json";
import { batchResetSchema } from "@/lib/system/schemas";

export const POST = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ request, params, user }) => {
  const { force } = await readOptionalJson(request, batchResetSchema);
  return resetBatch(user, parseRouteId(params.id, "Lote não encontrado."), { force: force === true });
});

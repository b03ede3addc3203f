// PATCH/DELETE /api/v1/ai/keys/{id}: rename, set limits, disable or re-enable; delete (ADMIN only).
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { deleteAiKey, updateAiKey } from "@/lib/ai/keys/manage-keys";
import { updateAiKeySchema } from "@/lib/ai/keys/schemas";

const NOT_FOUND = "Chave de IA não encontrada.";

export const PATCH = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ request, user, params }) => {
  const id = parseRouteId(params.id, NOT_FOUND);
  const input = await readJson(request, updateAiKeySchema);
  return updateAiKey(user, id, input);
});

export const DELETE = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ user, params }) => {
  const id = parseRouteId(params.id, NOT_FOUND);
  return deleteAiKey(user, id);
});

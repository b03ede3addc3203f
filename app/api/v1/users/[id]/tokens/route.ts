// GET/DELETE /api/v1/users/{id}/tokens: list a user's active API tokens; revoke them all (ADMIN only).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { listUserTokens, revokeAllUserTokens } from "@/lib/users/user-tokens";

export const GET = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ user, params }) => {
  const userId = parseRouteId(params.id, "Usuário não encontrado.");
  return { items: await listUserTokens(user, userId) };
});

export const DELETE = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ user, params }) => {
  const userId = parseRouteId(params.id, "Usuário não encontrado.");
  return revokeAllUserTokens(user, userId);
});

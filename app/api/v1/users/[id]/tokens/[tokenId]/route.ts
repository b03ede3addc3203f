// DELETE /api/v1/users/{id}/tokens/{tokenId}: revoke one of a user's API tokens (ADMIN only).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { revokeUserToken } from "@/lib/users/user-tokens";

export const DELETE = apiHandler<{ id: string; tokenId: string }>({ role: "ADMIN" }, async ({ user, params }) => {
  const userId = parseRouteId(params.id, "Usuário não encontrado.");
  const tokenId = parseRouteId(params.tokenId, "Token não encontrado.");
  await revokeUserToken(user, userId, tokenId);
  return new Response(null, { status: 204 });
});

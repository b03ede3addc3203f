import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { listApiTokens, revokeAllApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { hasRole, type SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";

/**
 * A user's API tokens as seen by an admin (or by the user itself): list and revoke, each
 * revocation audited in the same transaction.
 */
function assertMayManage(actor: SessionUser, userId: string | null): void {
  if (actor.id !== userId && !hasRole(actor.role, "ADMIN"))
    throw new ApiError("FORBIDDEN", "Seu perfil não tem permissão para esta ação.");
}

async function assertUserExists(
  userId: string,
  db: Pick<ReturnType<typeof getPrisma>, "user"> = getPrisma(),
): Promise<void> {
  if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } })))
    throw new ApiError("NOT_FOUND", "Usuário não encontrado.");
}

export async function listUserTokens(actor: SessionUser, userId: string) {
  assertMayManage(actor, userId);
  await assertUserExists(userId);
  return listApiTokens(userId);
}

/** Every user's active tokens, for the admin page (a handful per user). */
export async function listActiveTokensByUser(
  actor: SessionUser,
): Promise<Map<string, Awaited<ReturnType<typeof listApiTokens>>>> {
  assertMayManage(actor, null);
  const rows = await getPrisma().apiToken.findMany({
    where: { revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, userId: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
  const byUser = new Map<string, Awaited<ReturnType<typeof listApiTokens>>>();
  for (const { userId, ...token } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), token]);
  return byUser;
}

export async function revokeUserToken(actor: SessionUser, userId: string, tokenId: string): Promise<void> {
  assertMayManage(actor, userId);
  await getPrisma().$transaction(async (tx) => {
    if (!(await revokeApiToken(userId, tokenId, tx)))
      throw new ApiError("NOT_FOUND", "Token não encontrado.", { code: "TOKEN_NOT_FOUND" });
    await recordAudit(
      {
        userId: actor.id,
        action: "API_TOKEN_REVOKE",
        entityType: "ApiToken",
        entityId: tokenId,
        data: { ownerId: userId },
      },
      tx,
    );
  });
}

export async function revokeAllUserTokens(actor: SessionUser, userId: string): Promise<{ revoked: number }> {
  assertMayManage(actor, userId);
  return getPrisma().$transaction(async (tx) => {
    await assertUserExists(userId, tx);
    const tokenIds = await revokeAllApiTokens(userId, tx);
    if (tokenIds.length > 0) {
      await recordAudit(
        {
          userId: actor.id,
          action: "API_TOKENS_REVOKE",
          entityType: "User",
          entityId: userId,
          data: { tokenIds, reason: "REVOKE_ALL" },
        },
        tx,
      );
    }
    return { revoked: tokenIds.length };
  });
}

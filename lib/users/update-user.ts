import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { revokeAllApiTokens } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { publicUser } from "./public-user";
import type { updateUserSchema } from "./schemas";
import { userChangeViolation } from "./user-update-rules";

/**
 * Changes a user's role, active flag and/or password (ADMIN callers: the server actions and
 * PATCH /api/v1/users/{id}). Every rule is checked before any write, and the writes — the user,
 * the revocation of its tokens, the audit entries — are one transaction: a refused change changes
 * nothing. A password reset or a disable voids the user's sessions and revokes its API tokens for
 * good (re-enabling the user brings neither back).
 */
export async function updateUser(actor: SessionUser, input: z.infer<typeof updateUserSchema>) {
  // bcrypt is slow: hash before the transaction takes its locks.
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return getPrisma().$transaction(async (tx) => {
    // Lock the target and every active admin (in id order: no deadlock), so two concurrent demotions
    // cannot both see another admin left.
    await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${input.userId}::uuid OR ("role" = 'ADMIN' AND "isActive") ORDER BY "id" FOR UPDATE`;
    const target = await tx.user.findUnique({ where: { id: input.userId } });
    if (!target) throw new ApiError("NOT_FOUND", "Usuário não encontrado.");
    const otherActiveAdmins = await tx.user.count({ where: { role: "ADMIN", isActive: true, id: { not: target.id } } });
    const violation = userChangeViolation(actor.id, target, input, otherActiveAdmins);
    if (violation) throw new ApiError("CONFLICT", violation.message, { code: violation.code });

    const now = new Date();
    const isDisabling = target.isActive && input.isActive === false;
    const voidsCredentials = passwordHash !== undefined || isDisabling;
    const user = await tx.user.update({
      where: { id: target.id },
      data: {
        role: input.role,
        isActive: input.isActive,
        ...(passwordHash === undefined ? {} : { passwordHash, passwordChangedAt: now }),
        ...(voidsCredentials ? { sessionsValidFrom: now } : {}),
      },
      select: publicUser,
    });

    const audit = (action: string, data?: Parameters<typeof recordAudit>[0]["data"]) =>
      recordAudit({ userId: actor.id, action, entityType: "User", entityId: target.id, data }, tx);
    if (user.role !== target.role || user.isActive !== target.isActive) {
      await audit("USER_UPDATE", {
        role: { old: target.role, new: user.role },
        isActive: { old: target.isActive, new: user.isActive },
      });
    }
    if (passwordHash !== undefined) await audit("USER_PASSWORD_RESET");
    if (voidsCredentials) {
      const tokenIds = await revokeAllApiTokens(target.id, tx, now);
      if (tokenIds.length > 0)
        await audit("API_TOKENS_REVOKE", {
          tokenIds,
          reason: passwordHash !== undefined ? "PASSWORD_RESET" : "USER_DISABLED",
        });
    }
    return user;
  });
}

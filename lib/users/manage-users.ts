import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, Prisma } from "@/lib/db/client";
import type { createUserSchema, resetPasswordSchema, updateUserSchema } from "./schemas";

/** User administration. Callers have checked that `actor` is an ADMIN; every change is audited. */
const publicUser = { id: true, email: true, name: true, role: true, isActive: true, createdAt: true, lastLoginAt: true } as const;

export function listUsers() {
  return getPrisma().user.findMany({ select: publicUser, orderBy: { email: "asc" } });
}

export async function createUser(actor: SessionUser, input: z.infer<typeof createUserSchema>) {
  try {
    const user = await getPrisma().user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
      select: publicUser,
    });
    await recordAudit({ userId: actor.id, action: "USER_CREATE", entityType: "User", entityId: user.id, data: { email: user.email, role: user.role } });
    return user;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ApiError("CONFLICT", "Já existe um usuário com este e-mail.");
    }
    throw error;
  }
}

async function assertNotLastActiveAdmin(userId: string): Promise<void> {
  const admins = await getPrisma().user.count({ where: { role: "ADMIN", isActive: true, id: { not: userId } } });
  if (admins === 0) throw new ApiError("CONFLICT", "Não é possível remover o último administrador ativo.");
}

export async function updateUser(actor: SessionUser, input: z.infer<typeof updateUserSchema>) {
  const target = await getPrisma().user.findUnique({ where: { id: input.userId } });
  if (!target) throw new ApiError("NOT_FOUND", "Usuário não encontrado.");
  const losesAdmin = target.role === "ADMIN" && ((input.role && input.role !== "ADMIN") || input.isActive === false);
  if (losesAdmin) await assertNotLastActiveAdmin(target.id);
  const user = await getPrisma().user.update({
    where: { id: target.id },
    data: { role: input.role, isActive: input.isActive },
    select: publicUser,
  });
  await recordAudit({
    userId: actor.id,
    action: "USER_UPDATE",
    entityType: "User",
    entityId: user.id,
    data: { role: { old: target.role, new: user.role }, isActive: { old: target.isActive, new: user.isActive } },
  });
  return user;
}

/** Sets a new password and voids the user's existing sessions. */
export async function resetPassword(actor: SessionUser, input: z.infer<typeof resetPasswordSchema>) {
  const target = await getPrisma().user.findUnique({ where: { id: input.userId } });
  if (!target) throw new ApiError("NOT_FOUND", "Usuário não encontrado.");
  await getPrisma().user.update({
    where: { id: target.id },
    data: { passwordHash: await hashPassword(input.password), passwordChangedAt: new Date() },
  });
  await recordAudit({ userId: actor.id, action: "USER_PASSWORD_RESET", entityType: "User", entityId: target.id });
}

import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { prismaErrorKind } from "@/lib/api/prisma-errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { publicUser } from "./public-user";
import type { createUserSchema } from "./schemas";

/** User administration (changes: ./update-user.ts). Callers have checked that `actor` is an ADMIN; every change is audited. */
export function listUsers() {
  return getPrisma().user.findMany({ select: publicUser, orderBy: { email: "asc" } });
}

export async function createUser(actor: SessionUser, input: z.infer<typeof createUserSchema>) {
  try {
    const passwordHash = await hashPassword(input.password);
    return await getPrisma().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: publicUser,
      });
      await recordAudit(
        {
          userId: actor.id,
          action: "USER_CREATE",
          entityType: "User",
          entityId: user.id,
          data: { email: user.email, role: user.role },
        },
        tx,
      );
      return user;
    });
  } catch (error) {
    if (prismaErrorKind(error) === "UNIQUE_VIOLATION")
      throw new ApiError("CONFLICT", "Já existe um usuário com este e-mail.", { code: "EMAIL_TAKEN" });
    throw error;
  }
}

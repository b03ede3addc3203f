import "server-only";
import type { Role } from "@/lib/auth/roles";
import type { ErrorCode } from "@/lib/errors/error-codes";

export type UserChange = { role?: Role; isActive?: boolean; password?: string };
type Target = { id: string; role: Role; isActive: boolean };

/**
 * The business rules of a change to a user, all checked before anything is written: why the change
 * is refused (a 409 with this code in `details.code` and the pt-BR message), or null.
 * `otherActiveAdmins` counts the active admins other than the target.
 */
export type UserChangeViolation = { code: Extract<ErrorCode, "CANNOT_DISABLE_SELF" | "LAST_ADMIN">; message: string };

export function userChangeViolation(
  actorId: string,
  target: Target,
  change: UserChange,
  otherActiveAdmins: number,
): UserChangeViolation | null {
  if (target.id === actorId && change.isActive === false)
    return { code: "CANNOT_DISABLE_SELF", message: "Você não pode desativar a sua própria conta." };
  const isActiveAdmin = target.role === "ADMIN" && target.isActive;
  const losesAdmin = (change.role !== undefined && change.role !== "ADMIN") || change.isActive === false;
  if (isActiveAdmin && losesAdmin && otherActiveAdmins === 0)
    return { code: "LAST_ADMIN", message: "Não é possível remover o último administrador ativo." };
  return null;
}

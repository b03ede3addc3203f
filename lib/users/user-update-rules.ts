import "server-only";
import type { Role } from "@/lib/auth/roles";

export type UserChange = { role?: Role; isActive?: boolean; password?: string };
type Target = { id: string; role: Role; isActive: boolean };

/**
 * The business rules of a change to a user, all checked before anything is written: the pt-BR
 * reason the change is refused (a 409), or null. `otherActiveAdmins` counts the active admins
 * other than the target.
 */
export function userChangeViolation(actorId: string, target: Target, change: UserChange, otherActiveAdmins: number): string | null {
  if (target.id === actorId && change.isActive === false) return "Você não pode desativar a sua própria conta.";
  const isActiveAdmin = target.role === "ADMIN" && target.isActive;
  const losesAdmin = (change.role !== undefined && change.role !== "ADMIN") || change.isActive === false;
  if (isActiveAdmin && losesAdmin && otherActiveAdmins === 0) return "Não é possível remover o último administrador ativo.";
  return null;
}

/** Roles ordered by privilege: each role can do everything the roles below it can. */
export const ROLES = ["VIEWER", "EDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
};

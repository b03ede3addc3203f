import { describe, expect, it } from "vitest";
import { userChangeViolation, type UserChange } from "@/lib/users/user-update-rules";

const admin = { id: "admin", role: "ADMIN" as const, isActive: true };
const editor = { id: "editor", role: "EDITOR" as const, isActive: true };
const SELF = { code: "CANNOT_DISABLE_SELF", message: "Você não pode desativar a sua própria conta." };
const LAST = { code: "LAST_ADMIN", message: "Não é possível remover o último administrador ativo." };

describe("userChangeViolation", () => {
  it.each<[string, string, typeof admin | typeof editor, UserChange, number, typeof SELF | null]>([
    ["deactivating yourself", "admin", admin, { isActive: false }, 3, SELF],
    ["deactivating yourself with a new password", "admin", admin, { isActive: false, password: "nova-senha" }, 3, SELF],
    ["demoting the last active admin", "other", admin, { role: "EDITOR" }, 0, LAST],
    [
      "demoting yourself as the last admin, with a new password",
      "admin",
      admin,
      { role: "VIEWER", password: "nova-senha" },
      0,
      LAST,
    ],
    ["disabling the last active admin", "other", admin, { isActive: false }, 0, LAST],
    ["demoting an admin when another is left", "other", admin, { role: "EDITOR" }, 1, null],
    ["keeping the last admin an admin", "other", admin, { role: "ADMIN", password: "nova-senha" }, 0, null],
    ["disabling an editor", "admin", editor, { isActive: false }, 1, null],
    ["resetting your own password", "admin", admin, { password: "nova-senha" }, 0, null],
    ["demoting an already disabled admin", "other", { ...admin, isActive: false }, { role: "VIEWER" }, 0, null],
  ])("%s", (_, actorId, target, change, otherActiveAdmins, expected) => {
    expect(userChangeViolation(actorId, target, change, otherActiveAdmins)).toEqual(expected);
  });
});

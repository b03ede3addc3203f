import { describe, expect, it } from "vitest";
import { hasRole } from "@/lib/auth/roles";

describe("hasRole", () => {
  it.each([
    ["ADMIN", "ADMIN", true],
    ["ADMIN", "VIEWER", true],
    ["EDITOR", "EDITOR", true],
    ["EDITOR", "ADMIN", false],
    ["VIEWER", "EDITOR", false],
    ["VIEWER", "VIEWER", true],
  ] as const)("%s satisfies %s: %s", (actual, required, expected) => {
    expect(hasRole(actual, required)).toBe(expected);
  });
});

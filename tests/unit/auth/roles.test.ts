import { describe, expect, it } from "vitest";
import { hasRole } from "@/lib/auth/roles";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";

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

describe("clientIpFromHeaders", () => {
  it("takes the first forwarded hop", () => {
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "1.2.3.4, 10.0.0.1" }))).toBe("1.2.3.4");
    expect(clientIpFromHeaders({ "x-real-ip": "5.6.7.8" })).toBe("5.6.7.8");
    expect(clientIpFromHeaders({})).toBe("unknown");
  });
});

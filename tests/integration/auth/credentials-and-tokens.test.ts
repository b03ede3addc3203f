import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { apiHandler } from "@/lib/api/api-handler";
import { authenticateApiToken, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { resetLoginLimiters } from "@/lib/auth/login-rate-limit";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { getPrisma } from "@/lib/db/client";
import { ensureInitialAdmin } from "@/lib/users/ensure-initial-admin";
import { updateUser } from "@/lib/users/update-user";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";

const secret = process.env.NEXTAUTH_SECRET!;
const meHandler = apiHandler({ role: "VIEWER" }, async ({ user }) => ({ user }));
const adminHandler = apiHandler({ role: "ADMIN" }, async () => ({ ok: true }));
const call = (handler: typeof meHandler, init: RequestInit & { url?: string } = {}) =>
  handler(new Request(init.url ?? "http://localhost:3000/api/v1/me", init), { params: Promise.resolve({}) });

async function sessionCookie(userId: string, secretOverride = secret, signedInOffsetSeconds = 0) {
  const token = await encode({
    token: { sub: userId, signedInAt: Date.now() + signedInOffsetSeconds * 1000 },
    secret: secretOverride,
  });
  return `next-auth.session-token=${token}`;
}

beforeEach(async () => {
  await truncateAllTables();
  resetLoginLimiters();
});

describe("verifyCredentials", () => {
  it("accepts the right password and rejects a wrong one with the same generic reason", async () => {
    const user = await createTestUser();
    await expect(
      verifyCredentials({ email: user.email.toUpperCase(), password: user.password }, "1.1.1.1"),
    ).resolves.toMatchObject({ ok: true });
    await expect(verifyCredentials({ email: user.email, password: "errada" }, "1.1.1.1")).resolves.toEqual({
      ok: false,
      reason: "INVALID",
    });
    await expect(verifyCredentials({ email: "ninguem@teste.local", password: "x" }, "1.1.1.1")).resolves.toEqual({
      ok: false,
      reason: "INVALID",
    });
    await expect(verifyCredentials({ email: "not-an-email", password: "x" }, "1.1.1.1")).resolves.toEqual({
      ok: false,
      reason: "INVALID",
    });
  });

  it("refuses a disabled user", async () => {
    const user = await createTestUser();
    await getPrisma().user.update({ where: { id: user.id }, data: { isActive: false } });
    await expect(verifyCredentials({ email: user.email, password: user.password }, "1.1.1.1")).resolves.toEqual({
      ok: false,
      reason: "INVALID",
    });
  });
});

describe("API authentication", () => {
  it("accepts a valid Bearer token and rejects malformed, unknown and revoked ones with 401 JSON", async () => {
    const user = await createTestUser("VIEWER");
    const { token, id } = await createApiToken(user.id, "script");
    const ok = await call(meHandler, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).user.email).toBe(user.email);
    const stored = await getPrisma().apiToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).not.toContain(token);

    for (const header of [
      "Bearer",
      "Bearer abc",
      "Basic xyz",
      `Bearer ${token}x`,
      "Bearer vit_" + "A".repeat(43),
      "Bearer ' OR 1=1 --",
    ]) {
      const res = await call(meHandler, { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
      expect((await res.json()).error).toBe("INVALID_TOKEN");
    }
    expect(await revokeApiToken(user.id, id)).toBe(true);
    const revoked = await call(meHandler, { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
  });

  it("denies without credentials and with a session signed by another secret", async () => {
    const user = await createTestUser();
    expect((await call(meHandler)).status).toBe(401);
    const forged = await call(meHandler, {
      headers: { cookie: await sessionCookie(user.id, "another-secret-another-secret-xx") },
    });
    expect(forged.status).toBe(401);
    const good = await call(meHandler, { headers: { cookie: await sessionCookie(user.id) } });
    expect(good.status).toBe(200);
  });

  it("denies everything when the server has no auth secret", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    delete process.env.NEXTAUTH_SECRET;
    try {
      expect((await call(meHandler, { headers: { cookie } })).status).toBe(401);
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });

  it("rejects cookie-authenticated mutations with a missing, null or foreign Origin", async () => {
    const user = await createTestUser("ADMIN");
    const cookie = await sessionCookie(user.id);
    const post = (origin?: string) =>
      call(adminHandler, {
        method: "POST",
        headers: { cookie, host: "localhost:3000", ...(origin ? { origin } : {}) },
      });
    expect((await post()).status).toBe(403);
    expect((await post("null")).status).toBe(403);
    expect((await post("https://evil.example")).status).toBe(403);
    expect((await post("http://localhost:3000")).status).toBe(200);
  });

  it("enforces roles on the server", async () => {
    const viewer = await createTestUser("VIEWER");
    const { token } = await createApiToken(viewer.id, "t");
    const res = await call(adminHandler, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("FORBIDDEN");
  });

  it("cuts off a disabled user on the next request, for sessions and tokens", async () => {
    const admin = await createTestUser("ADMIN");
    const user = await createTestUser("EDITOR");
    const { token } = await createApiToken(user.id, "t");
    const cookie = await sessionCookie(user.id);
    expect((await call(meHandler, { headers: { cookie } })).status).toBe(200);
    await updateUser({ ...admin, role: "ADMIN" }, { userId: user.id, isActive: false });
    expect((await call(meHandler, { headers: { cookie } })).status).toBe(401);
    expect((await call(meHandler, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await authenticateApiToken(token)).toBeNull();
  });

  it("voids sessions issued before a password reset", async () => {
    const admin = await createTestUser("ADMIN");
    const user = await createTestUser("EDITOR");
    const oldCookie = await sessionCookie(user.id, secret, -120);
    await updateUser({ ...admin, role: "ADMIN" }, { userId: user.id, password: "nova-senha-123" });
    expect((await call(meHandler, { headers: { cookie: oldCookie } })).status).toBe(401);
    await expect(
      verifyCredentials({ email: user.email, password: "nova-senha-123" }, "1.1.1.1"),
    ).resolves.toMatchObject({ ok: true });
  });

  it("keeps the last active admin", async () => {
    const admin = await createTestUser("ADMIN");
    await expect(updateUser({ ...admin, role: "ADMIN" }, { userId: admin.id, role: "VIEWER" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("ensureInitialAdmin", () => {
  it("creates the first admin once, with a generated password when none is configured", async () => {
    const first = await ensureInitialAdmin({});
    expect(first).toMatchObject({ created: true, email: "admin@vitrine.local" });
    const password = first.created ? first.generatedPassword! : "";
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expect(verifyCredentials({ email: "admin@vitrine.local", password }, "1.1.1.1")).resolves.toMatchObject({
      ok: true,
      user: { role: "ADMIN" },
    });
    expect(await ensureInitialAdmin({ email: "other@x.com", password: "12345678" })).toEqual({ created: false });
  });
});

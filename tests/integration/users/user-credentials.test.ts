import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { PATCH as patchUser } from "@/app/api/v1/users/[id]/route";
import { DELETE as revokeOneRoute } from "@/app/api/v1/users/[id]/tokens/[tokenId]/route";
import { DELETE as revokeAllRoute, GET as listTokensRoute } from "@/app/api/v1/users/[id]/tokens/route";
import { apiHandler } from "@/lib/api/api-handler";
import { createApiToken } from "@/lib/auth/api-tokens";
import { resetLoginLimiters } from "@/lib/auth/login-rate-limit";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { getPrisma } from "@/lib/db/client";
import { updateUser } from "@/lib/users/update-user";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";

const me = apiHandler({ role: "VIEWER" }, async ({ user }) => ({ user }));
const meStatus = async (headers: Record<string, string>) =>
  (await me(new Request("http://localhost:3000/api/v1/me", { headers }), { params: Promise.resolve({}) })).status;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sessionCookie = async (userId: string) => ({
  cookie: `next-auth.session-token=${await encode({ token: { sub: userId, signedInAt: Date.now() }, secret: process.env.NEXTAUTH_SECRET! })}`,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function admin() {
  const user = await createTestUser("ADMIN");
  const { token } = await createApiToken(user.id, "admin-script");
  return {
    user,
    actor: { id: user.id, email: user.email, name: user.name, role: "ADMIN" as const },
    headers: bearer(token),
  };
}

function call<P>(
  handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>,
  params: P,
  init: RequestInit & { headers: Record<string, string> },
) {
  const url = "http://localhost:3000/api/v1/users";
  return handler(new Request(url, { ...init, headers: { "content-type": "application/json", ...init.headers } }), {
    params: Promise.resolve(params),
  });
}

beforeEach(async () => {
  await truncateAllTables();
  resetLoginLimiters();
});

describe("a password reset or a disable revokes tokens and sessions", () => {
  it("makes the old token answer 401 after a password reset", async () => {
    const { actor } = await admin();
    const user = await createTestUser("EDITOR");
    const { token } = await createApiToken(user.id, "script");
    expect(await meStatus(bearer(token))).toBe(200);
    await updateUser(actor, { userId: user.id, password: "nova-senha-123" });
    expect(await meStatus(bearer(token))).toBe(401);
    const audit = await getPrisma().auditLog.findMany({ where: { entityId: user.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["API_TOKENS_REVOKE", "USER_PASSWORD_RESET"]);
    expect(audit.find((a) => a.action === "API_TOKENS_REVOKE")!.data).toMatchObject({
      reason: "PASSWORD_RESET",
      tokenIds: [expect.any(String)],
    });
  });

  it("makes the old token and session answer 401 after a disable, and still after re-enabling", async () => {
    const { actor } = await admin();
    const user = await createTestUser("EDITOR");
    const { token } = await createApiToken(user.id, "script");
    const cookie = await sessionCookie(user.id);
    expect(await meStatus(bearer(token))).toBe(200);
    expect(await meStatus(cookie)).toBe(200);
    await tick();
    await updateUser(actor, { userId: user.id, isActive: false });
    expect(await meStatus(bearer(token))).toBe(401);
    expect(await meStatus(cookie)).toBe(401);
    await updateUser(actor, { userId: user.id, isActive: true });
    expect(await meStatus(bearer(token))).toBe(401);
    expect(await meStatus(cookie)).toBe(401);
    // The user itself is back: a new sign-in and a new token work.
    await tick();
    await expect(verifyCredentials({ email: user.email, password: user.password }, "1.1.1.1")).resolves.toMatchObject({
      ok: true,
    });
    expect(await meStatus(await sessionCookie(user.id))).toBe(200);
    expect(await meStatus(bearer((await createApiToken(user.id, "new")).token))).toBe(200);
  });
});

describe("PATCH /api/v1/users/{id}", () => {
  it("refuses a new password with a self-deactivation (409) and changes nothing: the old password still signs in", async () => {
    const { user, headers } = await admin();
    await createTestUser("ADMIN"); // another admin: the last-admin rule is not what refuses this
    const res = await call(
      patchUser,
      { id: user.id },
      { method: "PATCH", headers, body: JSON.stringify({ password: "trocada-123", isActive: false }) },
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe("CONFLICT");
    await expect(verifyCredentials({ email: user.email, password: user.password }, "1.1.1.1")).resolves.toMatchObject({
      ok: true,
    });
    await expect(verifyCredentials({ email: user.email, password: "trocada-123" }, "1.1.1.1")).resolves.toMatchObject({
      ok: false,
    });
    expect(await meStatus(headers)).toBe(200);
    expect(await getPrisma().auditLog.count()).toBe(0);
  });

  it("refuses demoting the last active admin together with a new password, and changes nothing", async () => {
    const { user, headers } = await admin();
    const res = await call(
      patchUser,
      { id: user.id },
      { method: "PATCH", headers, body: JSON.stringify({ password: "trocada-123", role: "VIEWER" }) },
    );
    expect(res.status).toBe(409);
    const stored = await getPrisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.role).toBe("ADMIN");
    await expect(verifyCredentials({ email: user.email, password: user.password }, "1.1.1.1")).resolves.toMatchObject({
      ok: true,
    });
  });

  it("applies role, active flag and password together", async () => {
    const { headers } = await admin();
    const user = await createTestUser("VIEWER");
    const res = await call(
      patchUser,
      { id: user.id },
      { method: "PATCH", headers, body: JSON.stringify({ password: "trocada-123", role: "EDITOR" }) },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: user.id, role: "EDITOR", isActive: true });
    await expect(verifyCredentials({ email: user.email, password: "trocada-123" }, "1.1.1.1")).resolves.toMatchObject({
      ok: true,
      user: { role: "EDITOR" },
    });
  });

  it("keeps one active admin when two admins demote each other at once", async () => {
    const a = await admin();
    const b = await admin();
    const results = await Promise.allSettled([
      updateUser(a.actor, { userId: b.user.id, role: "VIEWER" }),
      updateUser(b.actor, { userId: a.user.id, role: "VIEWER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await getPrisma().user.count({ where: { role: "ADMIN", isActive: true } })).toBe(1);
  });
});

describe("admins list and revoke any user's tokens", () => {
  it("lists another user's active tokens without their secret and revokes one of them", async () => {
    const { user: adminUser, headers } = await admin();
    const user = await createTestUser("EDITOR");
    const first = await createApiToken(user.id, "estúdio");
    const second = await createApiToken(user.id, "backup");

    const list = await call(listTokensRoute, { id: user.id }, { headers });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: { id: string; name: string; prefix: string }[] };
    expect(items.map((t) => t.name).sort()).toEqual(["backup", "estúdio"]);
    expect(JSON.stringify(items)).not.toContain(first.token);
    expect(items.find((t) => t.id === first.id)!.prefix).toBe(first.token.slice(0, 10));

    const revoked = await call(revokeOneRoute, { id: user.id, tokenId: first.id }, { method: "DELETE", headers });
    expect(revoked.status).toBe(204);
    expect(await meStatus(bearer(first.token))).toBe(401);
    expect(await meStatus(bearer(second.token))).toBe(200);
    const audit = await getPrisma().auditLog.findFirstOrThrow({ where: { action: "API_TOKEN_REVOKE" } });
    expect(audit).toMatchObject({
      userId: adminUser.id,
      entityType: "ApiToken",
      entityId: first.id,
      data: { ownerId: user.id },
    });

    // Already revoked, or named under another user: 404.
    expect((await call(revokeOneRoute, { id: user.id, tokenId: first.id }, { method: "DELETE", headers })).status).toBe(
      404,
    );
    expect(
      (await call(revokeOneRoute, { id: adminUser.id, tokenId: second.id }, { method: "DELETE", headers })).status,
    ).toBe(404);
    expect(await meStatus(bearer(second.token))).toBe(200);

    const all = await call(revokeAllRoute, { id: user.id }, { method: "DELETE", headers });
    expect(await all.json()).toEqual({ revoked: 1 });
    expect(await meStatus(bearer(second.token))).toBe(401);
    expect(await getPrisma().auditLog.count({ where: { action: "API_TOKENS_REVOKE", entityId: user.id } })).toBe(1);
  });

  it("is for admins only, and 404 for an unknown user", async () => {
    const { headers } = await admin();
    const editor = await createTestUser("EDITOR");
    const victim = await createTestUser("VIEWER");
    const victimToken = await createApiToken(victim.id, "x");
    const editorHeaders = bearer((await createApiToken(editor.id, "e")).token);
    expect((await call(listTokensRoute, { id: victim.id }, { headers: editorHeaders })).status).toBe(403);
    expect(
      (
        await call(
          revokeOneRoute,
          { id: victim.id, tokenId: victimToken.id },
          { method: "DELETE", headers: editorHeaders },
        )
      ).status,
    ).toBe(403);
    expect((await call(revokeAllRoute, { id: victim.id }, { method: "DELETE", headers: editorHeaders })).status).toBe(
      403,
    );
    expect(await meStatus(bearer(victimToken.token))).toBe(200);
    expect((await call(listTokensRoute, { id: "0190a0a0-0000-7000-8000-000000000000" }, { headers })).status).toBe(404);
    expect((await call(listTokensRoute, { id: "nope" }, { headers })).status).toBe(404);
  });
});

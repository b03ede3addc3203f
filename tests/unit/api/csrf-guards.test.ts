import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

// Server actions are reached with the cookie of a signed-in admin; only the headers vary.
const requestHeaders = { current: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders.current,
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => ({ id: "u1", email: "admin@x", name: null, role: "ADMIN" }),
}));

process.env.NEXTAUTH_URL = "http://localhost:3000";
const { authorizedAction } = await import("@/lib/api/authorized-action");
const { proxy } = await import("@/proxy");

const run = vi.fn(async (input: { email: string }) => ({ created: input.email }));
const createUser = authorizedAction("ADMIN", z.object({ email: z.string() }), run);

beforeEach(() => {
  run.mockClear();
});

describe("authorizedAction (defence in depth behind proxy.ts)", () => {
  it("refuses a server action with no Origin or a foreign one, before running it", async () => {
    const cases: Record<string, string>[] = [
      {},
      { origin: "null" },
      { origin: "http://evil.example" },
      { origin: "http://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" },
    ];
    for (const headers of cases) {
      requestHeaders.current = new Headers(headers);
      await expect(createUser({ email: "a@b.c" })).resolves.toMatchObject({ ok: false, code: "CSRF_REJECTED" });
    }
    expect(run).not.toHaveBeenCalled();
  });

  it("runs with the configured Origin", async () => {
    requestHeaders.current = new Headers({ origin: "http://localhost:3000" });
    await expect(createUser({ email: "a@b.c" })).resolves.toEqual({ ok: true, data: { created: "a@b.c" } });
  });

  it("refuses NUL in any string of the input as VALIDATION_FAILED", async () => {
    requestHeaders.current = new Headers({ origin: "http://localhost:3000" });
    await expect(createUser({ email: "a\u0000@b.c" })).resolves.toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      fieldErrors: { email: expect.any(String) },
    });
    expect(run).not.toHaveBeenCalled();
  });
});

describe("proxy.ts", () => {
  const action = (headers: Record<string, string>, path = "/admin/usuarios") =>
    proxy(
      new NextRequest(`http://localhost:3000${path}`, {
        method: "POST",
        headers: { "next-action": "7f00", cookie: "next-auth.session-token=x", ...headers },
        body: "[]",
      }),
    );

  it("answers a server action POST without Origin, or with a foreign one, with a clean 403", async () => {
    const cases: Record<string, string>[] = [
      {},
      { origin: "null" },
      { origin: "http://evil.example" },
      { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    ];
    for (const headers of cases) {
      const response = action(headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: "CSRF_REJECTED" });
    }
    // Also a form post without the Next-Action header (a progressively enhanced form).
    const form = proxy(new NextRequest("http://localhost:3000/produtos", { method: "POST", body: "x" }));
    expect(form.status).toBe(403);
  });

  it("lets a same-origin action through, and sets a nonce CSP on pages", async () => {
    const ok = action({ origin: "http://localhost:3000" });
    expect(ok.status).toBe(200);
    const page = proxy(new NextRequest("http://localhost:3000/lotes"));
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    // Next.js reads the nonce from the request's CSP header: the same value goes to the page render.
    expect(page.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const other = proxy(new NextRequest("http://localhost:3000/lotes")).headers.get("content-security-policy");
    expect(other).not.toBe(csp);
  });
});

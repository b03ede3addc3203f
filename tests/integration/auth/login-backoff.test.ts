import { capturedLogLines } from "../../support/capture-logs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as tokenRoute } from "@/app/api/v1/auth/token/route";
import { authOptions } from "@/lib/auth/auth-options";
import { resetLoginLimiters } from "@/lib/auth/login-rate-limit";
import { verifyCredentials, type CredentialsResult } from "@/lib/auth/verify-credentials";
import { getPrisma } from "@/lib/db/client";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";

// Defaults: 5 free failures per account (20 per IP), then 1 s, 2 s, 4 s … up to 900 s.
// Only Date is faked: the limiter's expiries are computed from it, and the database sees them as values.
beforeEach(async () => {
  await truncateAllTables();
  resetLoginLimiters();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T12:00:00Z") });
});
afterEach(() => vi.useRealTimers());

const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
const login = (email: string, password: string, ip = "10.1.1.1") => verifyCredentials({ email, password }, ip);
const waitOf = (result: CredentialsResult) =>
  result.ok || result.reason !== "RATE_LIMITED" ? 0 : result.retryAfterSeconds;

describe("progressive login delays", () => {
  it("doubles the wait with each failure past the free ones, and lets the right password in once it has passed", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++)
      expect(await login(user.email, "errada", `10.0.0.${i}`)).toEqual({ ok: false, reason: "INVALID" });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await login(user.email, "errada", `10.0.1.${i}`)).toEqual({ ok: false, reason: "INVALID" });
      // Early, even with the right password and from another IP: refused, with the time left.
      const early = await login(user.email, user.password, "10.9.9.9");
      waits.push(waitOf(early));
      later(waitOf(early));
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    await expect(login(user.email, user.password, "10.9.9.9")).resolves.toMatchObject({ ok: true });
    // A successful login starts the account afresh.
    for (let i = 0; i < 6; i++) expect(await login(user.email, "errada")).toEqual({ ok: false, reason: "INVALID" });
  });

  it("caps the wait at 15 minutes, so the owner is never kept out longer", async () => {
    const user = await createTestUser();
    const waits: number[] = [];
    for (let failures = 0; failures < 18;) {
      const result = await login(user.email, "errada");
      if (waitOf(result) > 0) {
        waits.push(waitOf(result));
        later(waitOf(result));
      } else failures += 1;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    // The 18th failure's wait is the cap too: the right password is refused until it has passed.
    expect(waitOf(await login(user.email, user.password))).toBe(900);
    later(900);
    await expect(login(user.email, user.password)).resolves.toMatchObject({ ok: true });
  });

  it("does not lengthen the wait for attempts refused early", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 8; i++) {
      await login(user.email, "errada");
      later(10);
    }
    // Failure 8 set a 4 s wait 10 s ago; failure 9 now sets 8 s.
    await login(user.email, "errada");
    for (let i = 0; i < 10; i++) {
      expect(waitOf(await login(user.email, user.password))).toBeLessThanOrEqual(8);
      later(0.5);
    }
    later(4);
    await expect(login(user.email, user.password)).resolves.toMatchObject({ ok: true });
  });

  it("lets only one of a burst of concurrent attempts through once the free ones are used", async () => {
    const user = await createTestUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => login(user.email, "errada")));
    const checked = results.filter((r) => !r.ok && r.reason === "INVALID").length;
    // At most the free ones and one more reach the password check (a free one may also be refused
    // if it arrives after that one set its wait); refused attempts are not counted.
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(6);
    expect(results.filter((r) => waitOf(r) > 0)).toHaveLength(20 - checked);
    const counter = await getPrisma().rateLimit.findUniqueOrThrow({ where: { key: `login_account:${user.email}` } });
    expect(counter.points).toBe(checked);
  });

  it("slows an IP that fails on many accounts, but not another IP", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 21; i++) await login(`alvo${i}@teste.local`, "errada", "6.6.6.6");
    const fromSprayer = await login(user.email, user.password, "6.6.6.6");
    expect(fromSprayer).toMatchObject({ ok: false, reason: "RATE_LIMITED", retryAfterSeconds: 1 });
    await expect(login(user.email, user.password, "7.7.7.7")).resolves.toMatchObject({ ok: true });
    later(1);
    await expect(login(user.email, user.password, "6.6.6.6")).resolves.toMatchObject({ ok: true });
  });

  it("gives an IP its count back for a successful login (an office signing in is not slowed)", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 40; i++)
      await expect(login(user.email, user.password, "8.8.8.8")).resolves.toMatchObject({ ok: true });
  });
});

describe("POST /api/v1/auth/token", () => {
  const post = (body: unknown) =>
    tokenRoute(
      new Request("http://localhost:3000/api/v1/auth/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );

  it("answers every refused attempt 429 RATE_LIMITED with Retry-After", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 6; i++) expect((await post({ email: user.email, password: "errada" })).status).toBe(401);
    for (const password of ["errada", user.password]) {
      const res = await post({ email: user.email, password });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(await res.json()).toEqual({
        error: "RATE_LIMITED",
        message: "Muitas tentativas. Tente novamente em 1 s.",
      });
    }
    later(1);
    expect((await post({ email: user.email, password: user.password })).status).toBe(201);
  });
});

describe("the login form's sign-in (next-auth credentials)", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

  it("hands the form the wait of a refused attempt as RATE_LIMITED:<seconds>", async () => {
    const user = await createTestUser();
    const attempt = (password: string) => authorize({ email: user.email, password }, { headers: {} });
    for (let i = 0; i < 6; i++) await expect(attempt("errada")).resolves.toBeNull();
    await expect(attempt(user.password)).rejects.toThrow(/^RATE_LIMITED:1$/);
    later(1);
    await expect(attempt(user.password)).resolves.toMatchObject({ id: user.id });
  });

  it("never hands the browser a database error's text (it travels in the redirect URL)", async () => {
    const user = await createTestUser();
    const spy = vi
      .spyOn(getPrisma().user, "findUnique")
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432 password "x"'));
    try {
      await expect(authorize({ email: user.email, password: user.password }, { headers: {} })).rejects.toThrow(
        /^UNAVAILABLE$/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe("login log lines", () => {
  it("never carry the typed e-mail verbatim, only a masked form", async () => {
    const user = await createTestUser();
    capturedLogLines.length = 0;
    for (let i = 0; i < 7; i++) await login(user.email, "errada");
    await login("Fulano.Segredo@Empresa.com.br", "errada");
    const all = capturedLogLines.join("\n");
    expect(all).not.toContain(user.email);
    expect(all.toLowerCase()).not.toContain("fulano.segredo");
    const lines = capturedLogLines.map((line) => JSON.parse(line) as { action?: string; email?: string });
    const failed = lines.filter((l) => l.action === "LOGIN_FAILED");
    const limited = lines.filter((l) => l.action === "LOGIN_RATE_LIMITED");
    expect(failed.length).toBe(7);
    expect(limited.length).toBe(1);
    const [local, domain] = user.email.split("@");
    expect(failed[0]!.email).toBe(`${local![0]}***@${domain}`);
    expect(limited[0]!.email).toBe(`${local![0]}***@${domain}`);
    expect(failed.at(-1)!.email).toBe("f***@empresa.com.br");
  });
});

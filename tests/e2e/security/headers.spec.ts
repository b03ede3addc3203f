import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { ADMIN_STATE } from "../support/api";

// Issue 10, points 1 and 11: security headers on pages and API answers, a nonce CSP that the
// app's own pages never violate, and server actions refused without our Origin.

function expectCommonHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
}

/** Collects CSP violations: the browser's console report and the DOM event, whichever comes. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

test("a page carries a nonce CSP and the security headers; Next's scripts carry the nonce", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toContain("unsafe-eval");
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((value) => value === nonce)).toBe(true);
  // A second request gets another nonce.
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);
});

test("an API answer carries nosniff, X-Frame-Options, Referrer-Policy and a restrictive CSP", async ({ request }) => {
  for (const path of ["/api/v1/health", "/api/v1/me"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expectCommonHeaders(headers);
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  }
});

test("the login page has no CSP violation and still works", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Entrar" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test.describe("signed in as admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("no CSP violation on any main page", async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto("/");
    const origin = new URL(page.url()).origin;
    const batch = await (
      await page.request.post("/api/v1/batches", { data: { name: `CSP ${Date.now()}` }, headers: { origin } })
    ).json();
    const product = await (
      await page.request.post("/api/v1/products", { data: { sku: `CSP-${Date.now()}` }, headers: { origin } })
    ).json();
    for (const path of [
      "/",
      "/lotes",
      `/lotes/${batch.id}`,
      "/carteira",
      "/conciliacao",
      "/produtos",
      `/produtos/${product.id}`,
      "/catalogo",
      "/catalogo/analises",
      "/catalogo/duplicatas",
      "/relatorios",
      "/configuracoes",
      "/admin/usuarios",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(violations, path).toEqual([]);
    }
    // Client navigation and hydration work under the CSP (a blocked script would stop both).
    await page.getByRole("navigation").first().getByRole("link", { name: "Lotes", exact: true }).click();
    await expect(page).toHaveURL(/\/lotes$/);
    expect(violations).toEqual([]);
  });

  test("an uploaded original is still served sandboxed under the API's CSP", async ({ page }) => {
    await page.goto("/");
    const origin = new URL(page.url()).origin;
    const batch = await (
      await page.request.post("/api/v1/batches", { data: { name: `Sandbox ${Date.now()}` }, headers: { origin } })
    ).json();
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c00" } })
      .jpeg()
      .toBuffer();
    const upload = await page.request.post(`/api/v1/batches/${batch.id}/files`, {
      headers: { origin },
      multipart: { file: { name: "SANDBOX-1.jpg", mimeType: "image/jpeg", buffer: jpeg } },
    });
    expect(upload.status()).toBe(200);
    const imageId = (await upload.json()).results[0].imageId;
    const original = await page.request.get(`/api/v1/images/${imageId}/original`);
    expect(original.status()).toBe(200);
    expectCommonHeaders(original.headers());
    expect(original.headers()["content-security-policy"]).toContain("sandbox");
    expect(original.headers()["content-security-policy"]).toContain("default-src 'none'");
  });

  test("a server action without Origin or with a foreign one is refused with 403 and changes nothing", async ({
    page,
  }) => {
    await page.goto("/admin/usuarios");
    // The browser's own call: note the action id and how it is sent, then replay it without Origin.
    const captured = page.waitForRequest(
      (request) => request.method() === "POST" && request.headers()["next-action"] !== undefined,
    );
    const normal = `normal-${Date.now()}@e2e.vitrine.local`;
    await page.getByLabel("E-mail").fill(normal);
    await page.getByLabel("Senha").fill("senha-normal-123");
    await page.getByLabel("Papel", { exact: true }).selectOption("VIEWER");
    await page.getByRole("button", { name: "Criar usuário" }).click();
    const action = await captured;
    await expect(page.getByRole("cell", { name: normal, exact: true })).toBeVisible();
    const actionId = action.headers()["next-action"]!;
    const origin = new URL(page.url()).origin;

    const replay = (email: string, headers: Record<string, string>) =>
      page.request.post("/admin/usuarios", {
        headers: {
          "next-action": actionId,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          ...headers,
        },
        data: JSON.stringify([{ email, name: "", password: "senha-atacante-123", role: "ADMIN" }]),
      });
    const withoutOrigin = `csrf-none-${Date.now()}@e2e.vitrine.local`;
    const refused = await replay(withoutOrigin, {});
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error).toBe("CSRF_REJECTED");
    const foreign = `csrf-evil-${Date.now()}@e2e.vitrine.local`;
    expect(
      (await replay(foreign, { origin: "http://evil.example", "x-forwarded-host": "evil.example" })).status(),
    ).toBe(403);
    // Posted to any other path (a static file, a page that does not exist) it is refused the same way.
    for (const path of ["/favicon.svg", "/nao-existe"]) {
      const response = await page.request.post(path, {
        headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8" },
        data: JSON.stringify([{ email: withoutOrigin, password: "senha-atacante-123", role: "ADMIN" }]),
      });
      expect(response.status(), path).toBe(403);
    }
    // The same replay with our Origin goes through: the refusals above are the Origin check, nothing else.
    const allowed = `csrf-ok-${Date.now()}@e2e.vitrine.local`;
    expect((await replay(allowed, { origin })).status()).toBe(200);

    const users: { email: string; role: string }[] = (await (await page.request.get("/api/v1/users")).json()).items;
    const emails = users.map((u) => u.email);
    expect(emails).toContain(allowed);
    expect(emails).not.toContain(withoutOrigin);
    expect(emails).not.toContain(foreign);
  });
});

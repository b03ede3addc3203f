import { expect, test } from "@playwright/test";

// The real delays are covered by tests/integration/auth/login-backoff.test.ts; failing logins for
// real here would slow every later sign-in from this IP. This checks how the form words the wait
// next-auth hands back (`RATE_LIMITED:<seconds>`, lib/auth/auth-options.ts).
for (const [seconds, text] of [
  [4, "Muitas tentativas. Tente novamente em 4 s."],
  [840, "Muitas tentativas. Tente novamente em 14 min."],
] as const) {
  test(`the login form shows the wait of a refused attempt (${seconds} s)`, async ({ page, baseURL }) => {
    await page.route("**/api/auth/callback/credentials", (route) =>
      route.fulfill({
        status: 401,
        contentType: "application/json",
        body: JSON.stringify({ url: `${baseURL}/api/auth/error?error=RATE_LIMITED%3A${seconds}` }),
      }),
    );
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("alguem@e2e.vitrine.local");
    await page.getByLabel("Senha").fill("qualquer");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.locator("#main-content").getByRole("alert")).toHaveText(text);
  });
}

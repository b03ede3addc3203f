import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../../../playwright.config";
import { ADMIN_STATE, signInViaApi } from "../support/api";

test.describe("login", () => {
  test("shows the pt-BR login page in dark mode and signs the admin in to the dashboard", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.locator("html")).toHaveAttribute("lang", "pt-BR");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
    await page.getByLabel("Senha").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Painel");
  });

  test("rejects a wrong password with a generic message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
    await page.getByLabel("Senha").fill("senha-errada");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.locator("#main-content").getByRole("alert")).toContainText("E-mail ou senha inválidos");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("signed in as admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("navigates through every section of the sidebar", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation").first();
    for (const [name, path] of [
      ["Lotes", "/lotes"],
      ["Catálogo", "/catalogo"],
      ["Conciliação", "/conciliacao"],
      ["Carteira", "/carteira"],
      ["Produtos", "/produtos"],
      ["Relatórios", "/relatorios"],
      ["Geração", "/geracao"],
      ["Configurações", "/configuracoes"],
      ["Usuários", "/admin/usuarios"],
      ["Painel", "/"],
    ] as const) {
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/$" : path}`));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
  });

  test("creates an API token on the settings page and uses it", async ({ page, request }) => {
    await page.goto("/configuracoes");
    const tokens = page.getByRole("region", { name: "Tokens de API" });
    await tokens.getByLabel("Nome").fill("Script do estúdio");
    await tokens.getByRole("button", { name: "Criar token" }).click();
    const token = (await page.getByTestId("new-api-token").textContent())!.trim();
    const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    const bad = await request.get("/api/v1/me", { headers: { authorization: "Bearer nope" } });
    expect(bad.status()).toBe(401);
    expect((await bad.json()).error).toBe("INVALID_TOKEN");
  });
});

test("logs out", async ({ page }) => {
  await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/");
  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/lotes");
  await expect(page).toHaveURL(/\/login/);
});

test("a VIEWER is denied the admin page and an admin action", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/usuarios");
  const viewer = {
    email: `viewer-${Date.now()}@e2e.vitrine.local`,
    password: "viewer-senha-123",
    role: "VIEWER" as const,
  };
  await adminPage.getByLabel("E-mail").fill(viewer.email);
  await adminPage.getByLabel("Senha").fill(viewer.password);
  await adminPage.getByLabel("Papel", { exact: true }).selectOption("VIEWER");
  await adminPage.getByRole("button", { name: "Criar usuário" }).click();
  await expect(adminPage.getByRole("cell", { name: viewer.email, exact: true })).toBeVisible();
  await expect(adminPage.getByText(`Usuário ${viewer.email} criado como Leitor.`)).toBeVisible();
  await admin.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(viewer.email);
  await page.getByLabel("Senha").fill(viewer.password);
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Painel");
  await expect(page.getByRole("link", { name: "Usuários" })).toHaveCount(0);

  const response = await page.goto("/admin/usuarios");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Acesso negado" })).toBeVisible();

  const origin = new URL(page.url()).origin;
  const denied = await page.request.post("/api/v1/users", {
    data: { email: "x@y.z", password: "12345678", role: "ADMIN" },
    headers: { origin },
  });
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error).toBe("FORBIDDEN");
  await context.close();
});

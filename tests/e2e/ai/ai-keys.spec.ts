import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, createUserAsAdmin, signInViaApi } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);

test("an admin adds an AI key on the settings page and sees it masked with its stats", async ({ page }) => {
  const label = `Conta do estúdio ${stamp}`;
  const secret = `sk-e2e-${stamp}-SeCrEtSeCrEtSeCrEtSeCrEt-k${stamp.slice(-3)}`;
  await page.goto("/configuracoes");
  const panel = page.getByRole("region", { name: "Chaves de IA" });
  await expect(panel).toBeVisible();
  await panel.getByLabel("Nome").fill(label);
  const keyInput = panel.getByLabel("Chave", { exact: true });
  await expect(keyInput).toHaveAttribute("type", "password");
  await keyInput.fill(secret);
  await panel.getByRole("button", { name: "Adicionar chave" }).click();
  await expect(panel.getByRole("status")).toHaveText("Chave adicionada.");
  await expect(keyInput).toHaveValue("");

  const row = panel.getByTestId("ai-key-row").filter({ hasText: label });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("ai-key-masked")).toHaveText(`sk-…${secret.slice(-4)}`);
  await expect(row.getByTestId("ai-key-status")).toHaveText("ativa");
  await expect(row.getByTestId("ai-key-source")).toHaveText("banco");
  const cells = row.getByRole("cell");
  await expect(row.getByTestId("ai-key-successes")).toHaveText("0");
  await expect(row.getByTestId("ai-key-last-used")).toHaveText("nunca usada");
  await expect(cells.nth(4)).toHaveText("Nenhum"); // errors by kind and the last error
  await expect(cells.nth(5)).toContainText("entrada 0saída 0"); // tokens in / out
  await expect(row.getByTestId("ai-key-cost")).toHaveText(/^US\$\s?0,00$/); // cost (USD)
  for (const header of ["Chave", "Status", "Sucessos", "Erros", "Tokens e custo"])
    await expect(panel.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
  // The secret is nowhere in the page, and not in what the server rendered either.
  expect(await page.content()).not.toContain(secret);
  const html = await (await page.request.get("/configuracoes")).text();
  expect(html).not.toContain(secret);
  expect(html).toContain(`sk-…${secret.slice(-4)}`);

  await screenshots(page, panel);

  page.on("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Desativar: ${label}` }).click();
  await expect(row.getByTestId("ai-key-status")).toHaveText("desativada");
  await row.getByRole("button", { name: `Reativar: ${label}` }).click();
  await expect(row.getByTestId("ai-key-status")).toHaveText("ativa");
  await row.getByRole("button", { name: `Excluir: ${label}` }).click();
  await expect(row).toHaveCount(0);
});

async function screenshots(page: Page, panel: ReturnType<Page["getByRole"]>) {
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.screenshot({ path: `test-results/e2e/ai-keys-panel-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

for (const role of ["EDITOR", "VIEWER"] as const) {
  test(`a ${role} sees no AI keys panel on the settings page`, async ({ page, browser }) => {
    await page.goto("/configuracoes");
    const user = { email: `ai-keys-${role}-${stamp}@e2e.vitrine.local`.toLowerCase(), password: "chaves-senha-123" };
    await createUserAsAdmin(page, { ...user, role });
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await context.newPage();
    await signInViaApi(other.request, user.email, user.password);
    await other.goto("/configuracoes");
    await expect(other.getByRole("heading", { name: "Tokens de API" })).toBeVisible();
    await expect(other.getByRole("region", { name: "Chaves de IA" })).toHaveCount(0);
    await expect(other.getByText("Chaves de IA")).toHaveCount(0);
    // And the API refuses the role on the server.
    expect((await other.request.get("/api/v1/ai/keys")).status()).toBe(403);
    await context.close();
  });
}

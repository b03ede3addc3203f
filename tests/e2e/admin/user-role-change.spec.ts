import { expect, test } from "@playwright/test";
import { ADMIN_STATE, createUserAsAdmin, signInViaApi } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);

test("an admin turns an editor into a viewer, who then sees the product without edit controls", async ({ page, browser }) => {
  await page.goto("/admin/usuarios");
  const origin = new URL(page.url()).origin;
  const user = { email: `papel-${stamp}@e2e.vitrine.local`, password: "papel-senha-123", role: "EDITOR" as const };
  await createUserAsAdmin(page, user);
  const productResponse = await page.request.post("/api/v1/products", { data: { sku: `RL${stamp}-01`, nomePeca: "Camisa de linho" }, headers: { origin } });
  expect(productResponse.status(), await productResponse.text()).toBe(201);
  const product = (await productResponse.json()) as { id: string };

  // The user in a browser of their own, signed in through the API.
  const userContext = await browser.newContext({ storageState: undefined });
  await signInViaApi(userContext.request, user.email, user.password);
  const userPage = await userContext.newPage();
  await userPage.goto(`/produtos/${product.id}`);
  await expect(userPage.getByRole("form", { name: "Dados da carteira" }).getByRole("button", { name: "Salvar" })).toBeVisible();

  await page.reload();
  const roleSelect = page.getByLabel(`Papel — ${user.email}`);
  await expect(roleSelect).toHaveValue("EDITOR");
  await roleSelect.selectOption({ label: "Leitor" });
  await expect(page.getByRole("status")).toHaveText("Alterações salvas.");
  await page.reload();
  await expect(page.getByLabel(`Papel — ${user.email}`)).toHaveValue("VIEWER");

  // The next request reads the role from the database: read-only details, no form, no mutating button.
  await userPage.reload();
  const details = userPage.getByRole("region", { name: "Dados da carteira" });
  await expect(details.getByRole("definition").filter({ hasText: "Camisa de linho" })).toBeVisible();
  await expect(userPage.getByRole("form")).toHaveCount(0);
  await expect(userPage.getByRole("textbox")).toHaveCount(0);
  for (const name of ["Salvar", "Excluir produto", "Desvincular"]) await expect(userPage.getByRole("button", { name })).toHaveCount(0);
  await userPage.screenshot({ path: "test-results/screens/produto-leitor-1280.png", fullPage: true });
  await userPage.goto("/produtos");
  await expect(userPage.getByRole("table", { name: "Produtos" }).getByRole("link", { name: `RL${stamp}-01` })).toBeVisible();
  await expect(userPage.getByRole("form", { name: "Novo produto" })).toHaveCount(0);
  await expect(userPage.getByRole("button", { name: "Novo produto" })).toHaveCount(0);
  // The server still refuses what the page no longer offers.
  const refused = await userContext.request.patch(`/api/v1/products/${product.id}`, { data: { nomePeca: "Outro" }, headers: { origin } });
  expect(refused.status()).toBe(403);
  await userContext.close();
});

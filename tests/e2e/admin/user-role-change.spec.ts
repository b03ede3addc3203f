import { expect, test } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, signInViaApi } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);

test("an admin turns an editor into a viewer, who then sees the product without edit controls", async ({
  page,
  browser,
}) => {
  await page.goto("/admin/usuarios");
  const origin = new URL(page.url()).origin;
  const user = { email: `papel-${stamp}@e2e.vitrine.local`, password: "papel-senha-123", role: "EDITOR" as const };
  await createUserAsAdmin(page, user);
  const post = async <T = { id: string }>(url: string, data: unknown): Promise<T> => {
    const response = await page.request.post(url, { data, headers: { origin } });
    expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  const brand = await post("/api/v1/brands", { name: `Marca Papel ${stamp}` });
  const collection = await post("/api/v1/collections", { brandId: brand.id, name: `Papel ${stamp}` });
  const product = await post("/api/v1/products", {
    sku: `RL${stamp}-01`,
    nomePeca: "Camisa de linho",
    collectionId: collection.id,
  });
  // One linked photo, so the page has a workflow status to offer (or not).
  const photoName = `RL${stamp}-01_FRENTE.jpg`;
  const batch = await post("/api/v1/batches", { name: `Lote papel ${stamp}`, collectionId: collection.id });
  const upload = await page.request.post(`/api/v1/batches/${batch.id}/files`, {
    headers: { origin },
    multipart: { file: { name: photoName, mimeType: "image/jpeg", buffer: await productJpeg(501, 120, 150) } },
  });
  expect(upload.status(), await upload.text()).toBe(200);
  await post(`/api/v1/batches/${batch.id}/start`, {});
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/batches/${batch.id}`)).json()) as { status: string }).status,
      { timeout: 60_000 },
    )
    .toBe("COMPLETED");
  const { runId } = await post<{ runId: string }>("/api/v1/reconcile", { collectionId: collection.id });
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/reconcile/${runId}`)).json()) as { status: string }).status,
    )
    .toBe("COMPLETED");

  // The user in a browser of their own, signed in through the API.
  const userContext = await browser.newContext({ storageState: undefined });
  await signInViaApi(userContext.request, user.email, user.password);
  const userPage = await userContext.newPage();
  await userPage.goto(`/produtos/${product.id}`);
  await expect(
    userPage.getByRole("form", { name: "Dados da carteira" }).getByRole("button", { name: "Salvar" }),
  ).toBeVisible();
  await expect(userPage.getByLabel(`Status de ${photoName}`)).toHaveValue("PENDENTE");
  await expect(userPage.getByRole("button", { name: `Desvincular ${photoName}` })).toBeVisible();

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
  await expect(userPage.getByRole("combobox")).toHaveCount(0);
  await expect(userPage.getByRole("listitem").filter({ hasText: photoName })).toContainText("Pendente");
  for (const name of ["Salvar", "Excluir produto", "Desvincular"])
    await expect(userPage.getByRole("button", { name: new RegExp(name) })).toHaveCount(0);
  await userPage.screenshot({ path: "test-results/screens/produto-leitor-1280.png", fullPage: true });
  await userPage.goto("/produtos");
  await expect(
    userPage.getByRole("table", { name: "Produtos" }).getByRole("link", { name: `RL${stamp}-01` }),
  ).toBeVisible();
  await expect(userPage.getByRole("form", { name: "Novo produto" })).toHaveCount(0);
  await expect(userPage.getByRole("button", { name: "Novo produto" })).toHaveCount(0);
  // The server still refuses what the page no longer offers.
  const refused = await userContext.request.patch(`/api/v1/products/${product.id}`, {
    data: { nomePeca: "Outro" },
    headers: { origin },
  });
  expect(refused.status()).toBe(403);
  await userContext.close();
});

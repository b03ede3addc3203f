import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();

test("an editor creates a product, edits it, and finds it in the list with its history", async ({ page }) => {
  await page.goto("/produtos");
  const origin = new URL(page.url()).origin;
  const brand = (await (
    await page.request.post("/api/v1/brands", { data: { name: `Marca Produtos ${stamp}` }, headers: { origin } })
  ).json()) as { id: string };
  const collectionResponse = await page.request.post("/api/v1/collections", {
    data: { brandId: brand.id, name: `Produtos ${stamp}` },
    headers: { origin },
  });
  expect(collectionResponse.status(), await collectionResponse.text()).toBe(201);
  const sku = `PR${stamp}-01`;

  await page.reload();
  const create = page.getByRole("form", { name: "Novo produto" });
  await create.getByLabel("SKU", { exact: true }).fill(sku);
  await create.getByLabel("Nome da peça").fill("Vestido midi");
  await create.getByLabel("Categoria").fill("Vestidos");
  await create.getByLabel("Cor").fill("Azul");
  await create.getByLabel("Coleção").selectOption({ label: `Marca Produtos ${stamp} · Produtos ${stamp}` });
  await create.getByRole("button", { name: "Novo produto" }).click();
  await expect(create.getByRole("status")).toHaveText("Produto criado.");
  await expect(create.getByLabel("SKU", { exact: true })).toHaveValue("");

  // Other specs create products too: find this one by the search box, not on the first page.
  const list = page.getByRole("table", { name: "Produtos" });
  const search = async () => {
    await page.getByRole("search").getByLabel("Buscar SKU ou nome").fill(sku);
    await page.getByRole("search").getByRole("button", { name: "Filtrar" }).click();
    await expect(page).toHaveURL(/q=/);
  };
  await search();
  await list.getByRole("link", { name: sku, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: sku })).toBeVisible();
  const details = page.getByRole("form", { name: "Dados da carteira" });
  await expect(details.getByLabel("Nome da peça")).toHaveValue("Vestido midi");
  await expect(details.getByLabel("Coleção")).toHaveValue(/.+/);
  await details.getByLabel("Nome da peça").fill("Vestido midi plissado");
  await details.getByLabel("Cor").fill("Verde");
  await details.getByRole("button", { name: "Salvar" }).click();
  await expect(details.getByRole("status")).toHaveText("Alterações salvas.");

  const history = page.getByRole("table", { name: "Histórico do SKU" });
  await expect(history.getByRole("row").filter({ hasText: "Vestido midi → Vestido midi plissado" })).toContainText(
    "Nome da peça",
  );
  await expect(history.getByRole("row").filter({ hasText: "Azul → Verde" })).toContainText("Alteração");
  await expect(history.getByRole("row").filter({ hasText: "Criação" })).toContainText(sku);

  await page.getByRole("link", { name: "Voltar para produtos" }).click();
  await search();
  const row = list.getByRole("row").filter({ has: page.getByRole("link", { name: sku, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Vestido midi plissado");
  await expect(row).toContainText("Verde");
  await expect(row).toContainText(`Produtos ${stamp}`);
  await expect(list.getByRole("row")).toHaveCount(2);
});

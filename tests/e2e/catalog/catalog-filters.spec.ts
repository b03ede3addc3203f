import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const SKU_A = `FL${stamp}-01`;
const SKU_B = `FL${stamp}-02`;
const UNLINKED = `FZ${stamp}-03`;
const NOME_A = `Calça Ação ${stamp}`;
// Uploaded out of angle order, so arrival order is not the order por SKU must show.
const FILES_A = [`${SKU_A}_DETALHE.jpg`, `${SKU_A}_COSTAS.jpg`, `${SKU_A}_01.jpg`, `${SKU_A}_FRENTE.jpg`];

type Ids = { collectionA: string; collectionB: string };

async function seed(page: Page): Promise<Ids> {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Filtros ${stamp}` });
  const collectionA = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Filtros A ${stamp}` });
  const collectionB = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Filtros B ${stamp}` });
  await postJson(page, "/api/v1/products", { sku: SKU_A, collectionId: collectionA.id, nomePeca: NOME_A });
  await postJson(page, "/api/v1/products", { sku: SKU_B, collectionId: collectionA.id, nomePeca: "Camisa" });
  let seedNumber = 700;
  const files = async (names: string[]) =>
    Promise.all(names.map(async (name) => [name, await productJpeg(seedNumber++, 120, 150)] as const));
  const batchA = await postJson(page, "/api/v1/batches", {
    name: `Filtros A ${stamp}`,
    brandId: brand.id,
    collectionId: collectionA.id,
  });
  await uploadAndProcess(page, batchA.id, await files([...FILES_A, `${SKU_B}_FRENTE.jpg`]), "COMPLETED");
  const batchB = await postJson(page, "/api/v1/batches", {
    name: `Filtros B ${stamp}`,
    brandId: brand.id,
    collectionId: collectionB.id,
  });
  await uploadAndProcess(page, batchB.id, await files([`${UNLINKED}_FRENTE.jpg`]), "COMPLETED");
  // One photo approved, so the status filter has something to tell apart.
  const list = await page.request.get(`/api/v1/images?q=${SKU_B}`);
  const [photoB] = ((await list.json()) as { items: { id: string }[] }).items;
  const approved = await page.request.patch(`/api/v1/images/${photoB!.id}`, {
    data: { status: "APROVADO" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(approved.status()).toBe(200);
  return { collectionA: collectionA.id, collectionB: collectionB.id };
}

const cards = (page: Page) => page.getByRole("region", { name: "Fotos do catálogo" }).getByTestId("catalog-card");

test("filters, searches and groups the catalog, with counts, in the URL and through the back button", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto("/catalogo");
  const ids = await seed(page);
  await page.goto("/catalogo");
  const bar = page.getByRole("search", { name: "Filtros do catálogo" });
  const count = page.getByTestId("catalog-count");

  // Collection: its option carries its facet count, the count line the result total.
  const collection = bar.getByLabel("Coleção", { exact: true });
  await expect(collection.locator(`option[value="${ids.collectionA}"]`)).toHaveText(
    `Marca Filtros ${stamp} · Filtros A ${stamp} (5)`,
  );
  await collection.selectOption(ids.collectionA);
  await expect(page).toHaveURL(new RegExp(`[?&]collectionId=${ids.collectionA}`));
  await expect(cards(page)).toHaveCount(5);
  await expect(page.getByTestId("catalog-total")).toHaveText("5 fotos");
  const status = bar.getByLabel("Status", { exact: true });
  await expect(status.locator('option[value="PENDENTE"]')).toHaveText("Pendente (4)");
  await expect(status.locator('option[value="APROVADO"]')).toHaveText("Aprovado (1)");

  // Status: one photo; the chip names both filters.
  await status.selectOption("APROVADO");
  await expect(page).toHaveURL(/[?&]status=APROVADO/);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).getByTestId("card-sku")).toHaveText(SKU_B);
  await expect(count).toContainText("1 foto");
  await expect(bar.getByRole("button", { name: "Remover o filtro Status: Aprovado" })).toBeVisible();

  // Back: the collection alone again.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=/);
  await expect(status).toHaveValue("");
  await expect(collection).toHaveValue(ids.collectionA);
  await expect(cards(page)).toHaveCount(5);

  // Search a SKU as typed in lower case: it runs once typing pauses, and stays in the URL.
  const search = bar.getByRole("searchbox", { name: "Buscar" });
  await search.fill(SKU_A.toLowerCase());
  await expect(page).toHaveURL(new RegExp(`[?&]q=${SKU_A.toLowerCase()}`));
  await expect(cards(page)).toHaveCount(4);
  await expect(cards(page).getByTestId("card-sku")).toHaveText([SKU_A, SKU_A, SKU_A, SKU_A]);

  // Clear it, then the product's name without accents and in capitals: the same four photos.
  await bar.getByRole("button", { name: "Limpar a busca" }).click();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(cards(page)).toHaveCount(5);
  await search.fill(`CALCA ACAO ${stamp}`);
  await search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=CALCA\+ACAO/);
  await expect(cards(page)).toHaveCount(4);

  // More filters: the panel opens, and a filter there narrows the list too.
  await bar.getByRole("button", { name: "Mais filtros" }).click();
  await expect(bar.getByLabel("Produto vinculado")).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "test-results/screens/catalog-filters-1440.png" });
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.screenshot({ path: "test-results/screens/catalog-filters-1024.png" });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Por SKU: grouped on the server, the product's angles in order, with its name and count.
  await page.getByRole("group", { name: "Visualização" }).getByRole("button", { name: "Por SKU" }).click();
  await expect(page).toHaveURL(/[?&]view=sku/);
  const groups = page.getByRole("region", { name: "Fotos do catálogo por SKU" });
  await expect(groups.getByTestId("sku-group-header")).toHaveCount(1);
  const header = groups.getByTestId("sku-group-header");
  await expect(header.getByRole("heading", { name: SKU_A })).toBeVisible();
  await expect(header).toContainText(NOME_A);
  await expect(header.getByTestId("sku-group-count")).toHaveText("4 fotos");
  const angles = groups.locator(`[data-testid="sku-group-row"][data-sku="${SKU_A}"] [data-testid="catalog-card"]`);
  await expect(angles).toHaveCount(4);
  expect(await angles.evaluateAll((els) => els.map((el) => el.getAttribute("data-sequence")))).toEqual([
    "01",
    "FRENTE",
    "COSTAS",
    "DETALHE",
  ]);
  await expect(count).toContainText("1 grupo carregado");

  // Without the search, both products of the collection are groups.
  await bar.getByRole("button", { name: "Limpar a busca" }).click();
  await expect(groups.getByTestId("sku-group-header")).toHaveCount(2);
  await page.screenshot({ path: "test-results/screens/catalog-por-sku-1440.png" });
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.screenshot({ path: "test-results/screens/catalog-por-sku-1024.png" });

  // Back: the name search returns (in the grouped view it was switched to), then the cleared box, then the SKU search.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]q=CALCA\+ACAO/);
  await expect(search).toHaveValue(`CALCA ACAO ${stamp}`);
  await expect(groups.getByTestId("sku-group-header")).toHaveCount(1);
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(search).toHaveValue("");
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${SKU_A.toLowerCase()}`));
  await expect(search).toHaveValue(SKU_A.toLowerCase());
  await expect(cards(page)).toHaveCount(4);
});

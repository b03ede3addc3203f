import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import {
  ADMIN_STATE,
  createUserAsAdmin,
  postJson,
  seedLinkedPhotos,
  signInViaApi,
  uploadAndProcess,
} from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const SKU_A = `CT${stamp}-01`;
const SKU_B = `CT${stamp}-02`;
const UNLINKED = `ZZ${stamp}-0001`;
// Uploaded out of angle order, so id (arrival) order is not the order por SKU must show.
const LINKED_FILES = [`${SKU_A}_DETALHE.jpg`, `${SKU_A}_COSTAS.jpg`, `${SKU_A}_01.jpg`, `${SKU_A}_FRENTE.jpg`];

type Ids = { brandId: string; collectionA: string; collectionB: string };

async function seed(page: Page): Promise<Ids> {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Catálogo ${stamp}` });
  const collectionA = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Catálogo A ${stamp}` });
  const collectionB = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Catálogo B ${stamp}` });
  for (const sku of [SKU_A, SKU_B]) await postJson(page, "/api/v1/products", { sku, collectionId: collectionA.id });
  const batchA = await postJson(page, "/api/v1/batches", {
    name: `Catálogo A ${stamp}`,
    brandId: brand.id,
    collectionId: collectionA.id,
  });
  let seedNumber = 300;
  const files = async (names: string[]) =>
    Promise.all(names.map(async (name) => [name, await productJpeg(seedNumber++, 120, 150)] as const));
  await uploadAndProcess(page, batchA.id, await files([...LINKED_FILES, `${SKU_B}_FRENTE.jpg`]), "COMPLETED");
  const batchB = await postJson(page, "/api/v1/batches", {
    name: `Catálogo B ${stamp}`,
    brandId: brand.id,
    collectionId: collectionB.id,
  });
  await uploadAndProcess(page, batchB.id, await files([`${UNLINKED}_FRENTE.jpg`]), "COMPLETED");
  return { brandId: brand.id, collectionA: collectionA.id, collectionB: collectionB.id };
}

const cards = (page: Page) => page.getByRole("region", { name: "Fotos do catálogo" }).getByTestId("catalog-card");

test("browses the catalog: filters in the URL, back button, SKU search, por SKU with the angles in order", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const ids = await seed(page);

  await page.goto("/catalogo");
  await expect(cards(page).first()).toBeVisible();
  await expect(page.getByTestId("catalog-count")).toContainText(/fotos? carregadas?/);

  // Filter by collection: the URL says so, the grid holds that collection's photos only.
  const collection = page.getByLabel("Coleção", { exact: true });
  await collection.selectOption(ids.collectionA);
  await expect(page).toHaveURL(new RegExp(`[?&]collectionId=${ids.collectionA}`));
  await expect(cards(page)).toHaveCount(5);
  await expect(cards(page).getByTestId("card-sku")).toHaveText([SKU_A, SKU_A, SKU_A, SKU_A, SKU_B]);
  await expect(cards(page).first().getByTestId("card-match")).toHaveText("Vinculada");
  await expect(cards(page).first().getByTestId("card-status")).toHaveText("Pendente");
  await expect(cards(page).first().getByTestId("color-dot")).toHaveAttribute("title", /^Cor dominante #[0-9a-f]{6}$/);

  // Another collection, then back: the previous filter and its photos return.
  await collection.selectOption(ids.collectionB);
  await expect(page).toHaveURL(new RegExp(`[?&]collectionId=${ids.collectionB}`));
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).getByTestId("card-sku")).toHaveText(UNLINKED);
  await expect(cards(page).getByText("do nome")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]collectionId=${ids.collectionA}`));
  await expect(collection).toHaveValue(ids.collectionA);
  await expect(cards(page)).toHaveCount(5);
  await page.goBack();
  await expect(page).toHaveURL(/\/catalogo$/);
  await expect(collection).toHaveValue("");

  // Search a SKU (over the file name, the SKU read from it and the product's SKU).
  const search = page.getByRole("search", { name: "Filtros do catálogo" });
  await search.getByRole("searchbox", { name: "Buscar" }).fill(SKU_A);
  await search.getByRole("searchbox", { name: "Buscar" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${SKU_A}`));
  await expect(cards(page)).toHaveCount(4);

  // Por SKU: one group per product, its angles in sequence order, with the count.
  await page.goto(`/catalogo?collectionId=${ids.collectionA}`);
  await page.getByRole("group", { name: "Visualização" }).getByRole("button", { name: "Por SKU" }).click();
  await expect(page).toHaveURL(/[?&]view=sku/);
  await expect(page.getByRole("button", { name: "Por SKU" })).toHaveAttribute("aria-pressed", "true");
  const groups = page.getByRole("region", { name: "Fotos do catálogo por SKU" });
  await expect(groups.getByTestId("sku-group-header")).toHaveCount(2);
  const groupA = groups.getByTestId("sku-group-header").filter({ hasText: SKU_A });
  await expect(groupA.getByRole("heading", { name: SKU_A })).toBeVisible();
  await expect(groupA.getByTestId("sku-group-count")).toHaveText("4 fotos");
  await expect(groupA.getByRole("link", { name: `Abrir o produto ${SKU_A}` })).toBeVisible();
  const angles = groups.locator(`[data-testid="sku-group-row"][data-sku="${SKU_A}"] [data-testid="catalog-card"]`);
  await expect(angles).toHaveCount(4);
  expect(await angles.evaluateAll((els) => els.map((el) => el.getAttribute("data-sequence")))).toEqual([
    "01",
    "FRENTE",
    "COSTAS",
    "DETALHE",
  ]);
  await page.screenshot({ path: "test-results/screens/catalogo-por-sku-1280.png" });

  // A card opens the photo's detail panel (tests/e2e/catalog/image-detail.spec.ts covers it).
  await angles.first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page).toHaveURL(/[?&]foto=[0-9a-f-]{36}/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A VIEWER sees the same grid, with the first page straight from the server (no request from the browser).
  const viewer = { email: `catalog-viewer-${stamp}@e2e.vitrine.local`.toLowerCase(), password: "viewer-senha-123" };
  await createUserAsAdmin(page, { ...viewer, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await signInViaApi(viewerPage.request, viewer.email, viewer.password);
  const listCalls: string[] = [];
  viewerPage.on("request", (request) => {
    if (["/api/v1/images", "/api/v1/products/groups"].includes(new URL(request.url()).pathname))
      listCalls.push(request.url());
  });
  await viewerPage.goto(`/catalogo?collectionId=${ids.collectionA}&view=sku`);
  await expect(viewerPage.getByTestId("sku-group-header")).toHaveCount(2);
  await expect(viewerPage.getByTestId("catalog-card")).toHaveCount(5);
  await viewerPage.waitForLoadState("networkidle");
  expect(listCalls).toEqual([]);
  await context.close();
});

test("150 photos: the DOM holds only the visible rows and scrolling loads the next page", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/catalogo");
  const { batchId, skus } = await seedLinkedPhotos(page, {
    name: `Catálogo grande ${stamp}`,
    skuPrefix: `MN${stamp}`,
    count: 150,
    seed: 0,
  });

  await page.goto(`/catalogo?batchId=${batchId}`);
  const count = page.getByTestId("catalog-count");
  await expect(count).toHaveText("150 fotos · 100 fotos carregadas · role para carregar mais");
  await expect(cards(page).first()).toBeVisible();
  const inDom = await cards(page).count();
  expect(inDom).toBeGreaterThan(0);
  expect(inDom, "only the rows on screen are rendered").toBeLessThan(60);
  await page.screenshot({ path: "test-results/screens/catalogo-grid-1440.png" });

  const scroll = page.getByTestId("catalog-scroll");
  await scroll.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(count).toHaveText("150 fotos · todas as fotos carregadas");
  await scroll.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.getByRole("link", { name: `Abrir os detalhes da foto ${skus.at(-1)!}_01.jpg` })).toBeVisible();
  await expect(cards(page).last().getByTestId("card-match")).toHaveText("Vinculada");
  expect(await cards(page).count(), "still only the visible rows after the second page").toBeLessThan(60);
});

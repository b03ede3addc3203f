import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const BRAND = `Marca Layout ${stamp}`;
const COLLECTION = `Layout ${stamp}`;
// Long names and SKUs: the ones that would wrap or push a page wider at 1024 px.
const SKUS = ["AUR26-1001", "AUR26-1005", "AUR26-1015"];
const PHOTOS = ["AUR26-10O5_FRENTE_COSTAS_DETALHE_ESTUDIO_VERAO_2026_FINAL.jpg", "ZZ99-0001_FRENTE.jpg"];
const WIDE_HEADERS = [
  "REFERÊNCIA",
  "DESCRIÇÃO",
  "MARCA",
  "COLEÇÃO",
  "COR",
  ...Array.from({ length: 14 }, (_, i) => `COLUNA EXTRA LONGA ${i + 1}`),
];
const WIDTHS = [1024, 1440] as const;

function carteiraCsv(): string {
  const rows = SKUS.map((sku, i) =>
    [
      sku,
      `Vestido longo estampado ${i + 1}`,
      BRAND,
      COLLECTION,
      "Azul marinho",
      ...WIDE_HEADERS.slice(5).map((h) => `${h} valor`),
    ].join(";"),
  );
  return [WIDE_HEADERS.join(";"), ...rows].join("\r\n");
}

async function openCarteiraPreview(page: Page) {
  await page.goto("/carteira");
  await page
    .getByLabel("Arquivo da carteira")
    .setInputFiles({ name: "carteira-layout.csv", mimeType: "text/csv", buffer: Buffer.from(carteiraCsv(), "utf8") });
  await expect(page.getByLabel("Campo da coluna REFERÊNCIA")).toHaveValue("sku");
}

async function expectNoPageOverflow(page: Page, name: string, width: number) {
  await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(sizes.scroll, `${name} at ${width}px is ${sizes.scroll}px wide`).toBeLessThanOrEqual(sizes.inner);
}

test.beforeAll(async ({ browser }) => {
  // Seed through the API and the Carteira page: products (by import) and photos in the queue.
  const page = await browser.newPage({ storageState: ADMIN_STATE });
  await openCarteiraPreview(page);
  await page.getByRole("button", { name: "Importar", exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Resultado da importação" }).getByText("Importação concluída."),
  ).toBeVisible();
  const origin = new URL(page.url()).origin;
  const batchResponse = await page.request.post("/api/v1/batches", {
    data: { name: `Lote layout com um nome comprido ${stamp}` },
    headers: { origin },
  });
  expect(batchResponse.status(), await batchResponse.text()).toBeLessThan(300);
  const batch = (await batchResponse.json()) as { id: string };
  let seed = 11;
  for (const name of PHOTOS) {
    const response = await page.request.post(`/api/v1/batches/${batch.id}/files`, {
      headers: { origin },
      multipart: { files: { name, mimeType: "image/jpeg", buffer: await productJpeg(seed++, 120, 150) } },
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
  }
  expect(
    (await page.request.post(`/api/v1/batches/${batch.id}/start`, { data: {}, headers: { origin } })).status(),
  ).toBeLessThan(300);
  await expect
    .poll(
      async () => {
        const progress = (await (await page.request.get(`/api/v1/batches/${batch.id}/progress`)).json()) as {
          total: number;
          processed: number;
          failed: number;
        };
        return progress.total === PHOTOS.length && progress.processed + progress.failed === progress.total;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.close();
});

for (const width of WIDTHS) {
  test(`main pages hold at ${width}px without page overflow`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of [
      ["painel", "/"],
      ["lotes", "/lotes"],
      ["catalogo", "/catalogo"],
      ["catalogo-sku", "/catalogo?view=sku"],
      ["conciliacao", "/conciliacao"],
      ["produtos", "/produtos"],
      ["geracao", "/geracao"],
      ["usuarios", "/admin/usuarios"],
      ["configuracoes", "/configuracoes"],
    ] as const) {
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      // The catalog's cards are laid out in the browser (the grid measures its width first).
      if (path.startsWith("/catalogo")) await expect(page.getByTestId("catalog-card").first()).toBeVisible();
      await expectNoPageOverflow(page, name, width);
    }
    // The queue shows the long file name (truncated, whole in its title) and the SKU on one line.
    await page.goto("/conciliacao");
    const queue = page.getByRole("list", { name: "Fotos aguardando decisão" });
    const longName = queue.getByTitle(PHOTOS[0]!);
    await expect(longName).toBeVisible();
    expect((await longName.boundingBox())!.width).toBeGreaterThan(60);

    await page.goto("/produtos");
    const skuCell = page.getByRole("link", { name: SKUS[0], exact: true });
    const skuBox = (await skuCell.boundingBox())!;
    const lineHeight = await skuCell.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect(skuBox.height, "the SKU stays on one line").toBeLessThan(lineHeight * 1.5);
    const create = page.getByRole("button", { name: "Novo produto", exact: true });
    if (await create.count()) expect((await create.boundingBox())!.height, "Novo produto on one line").toBeLessThan(48);

    // The carteira preview (19 columns) scrolls inside its own box.
    await openCarteiraPreview(page);
    await expectNoPageOverflow(page, "carteira-preview", width);
  });
}

test("the sidebar collapses to icons and remembers it; a rail by default at 1024px", async ({ page }) => {
  const toggle = page.getByTestId("sidebar-toggle");
  const sidebar = page.locator("#app-sidebar");

  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto("/");
  await page.evaluate(() => window.localStorage.removeItem("vitrine.sidebar"));
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toHaveAccessibleName("Expandir menu");
  expect((await sidebar.boundingBox())!.width).toBeLessThan(100);

  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(sidebar.getByRole("link", { name: "Conciliação" })).toBeVisible();
  expect((await sidebar.boundingBox())!.width).toBeGreaterThan(200);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toHaveAccessibleName("Expandir menu");
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeLessThan(100);
  await page.screenshot({ path: "test-results/screens/sidebar-collapsed-1440.png" });

  // Remembered across pages and reloads; the links keep their names as icons.
  await page.goto("/lotes");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(sidebar.getByRole("link", { name: "Conciliação" })).toBeVisible();
  expect((await sidebar.boundingBox())!.width).toBeLessThan(100);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  // The rail widens with a transition once the remembered state is read.
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeGreaterThan(200);
  await page.screenshot({ path: "test-results/screens/sidebar-expanded-1024.png" });
  await page.evaluate(() => window.localStorage.removeItem("vitrine.sidebar"));
});

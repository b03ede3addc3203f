import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const SKU = `LK26-${String(Date.now() % 10_000).padStart(4, "0")}`;
const VIEWER = {
  email: `viewer-${stamp}@e2e.vitrine.local`,
  password: "viewer-e2e-senha",
  role: "VIEWER" as const,
  name: "Leitor E2E",
};
const TEXT_AS_JPG = Buffer.from("isto é um texto com nome de foto\n".repeat(40));

const post = postJson;

const batchCard = (page: Page, name: string) =>
  page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

test("a text file named .jpg is refused with its reason, offers no retry, and is still shown after a reload", async ({
  page,
}) => {
  await page.goto("/lotes");
  const name = `Recusas ${stamp}`;
  await post(page, "/api/v1/batches", { name });
  await page.reload();
  const card = batchCard(page, name);
  await card
    .getByTestId("files-input")
    .setInputFiles({ name: "nota.jpg", mimeType: "image/jpeg", buffer: TEXT_AS_JPG });
  await card.getByTestId("dry-run-panel").getByRole("button", { name: "Enviar tudo" }).click();

  const row = card.getByTestId("upload-row").filter({ hasText: "nota.jpg" });
  await expect(row).toHaveAttribute("data-status", "rejected");
  await expect(row).toContainText("O conteúdo do arquivo não é uma imagem.");
  await expect(card.getByTestId("upload-notice")).toHaveText("Nenhum arquivo enviado, 1 recusado.");
  await expect(card.getByRole("button", { name: "Reenviar falhas" })).toHaveCount(0);

  await page.reload();
  const refusedLink = batchCard(page, name).getByRole("link", { name: "1 arquivo recusado" });
  await expect(refusedLink).toBeVisible();
  await refusedLink.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const refused = page.getByTestId("refused-file");
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText("nota.jpg");
  await expect(refused).toContainText("O conteúdo do arquivo não é uma imagem.");
  await expect(page.getByTestId("refused-files")).not.toContainText("Reenviar");

  await page.reload();
  await expect(page.getByTestId("refused-file")).toContainText("O conteúdo do arquivo não é uma imagem.");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "test-results/screens/batch-refusals-1440.png", fullPage: true });
});

test("batch detail: linked, unlinked and failed photos look different and link to the product, Conciliação and the photo; Reprocessar falhas shows progress and the result", async ({
  page,
}) => {
  await page.goto("/");
  const brand = await post(page, "/api/v1/brands", { name: `Marca Vínculo ${stamp}` });
  const collection = await post(page, "/api/v1/collections", { brandId: brand.id, name: `Vínculo ${stamp}` });
  const product = await post(page, "/api/v1/products", { sku: SKU, collectionId: collection.id, brandId: brand.id });
  const batch = await post(page, "/api/v1/batches", {
    name: `Lote vínculos ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const whole = await productJpeg(9191);
  const files = [
    [`${SKU}_FRENTE.jpg`, await productJpeg(9101, 120, 150)],
    ["ZZ77-0007_FRENTE.jpg", await productJpeg(9102, 120, 150)],
    // Right magic bytes, undecodable: it fails processing.
    ["QQ55-0005_COSTAS.jpg", whole.subarray(0, Math.floor(whole.length / 2))],
  ] as const;
  await uploadAndProcess(page, batch.id, files, "COMPLETED_WITH_ERRORS");

  await page.goto(`/lotes/${batch.id}`);
  const cards = page.getByTestId("image-card");
  await expect(cards).toHaveCount(3);

  const linked = cards.filter({ hasText: `${SKU}_FRENTE.jpg` });
  await expect(linked.getByTestId("link-state")).toHaveText("Vinculada");
  await expect(linked.getByRole("link", { name: `Abrir o produto ${SKU}` })).toHaveAttribute(
    "href",
    `/produtos/${product.id}`,
  );

  const unlinked = cards.filter({ hasText: "ZZ77-0007_FRENTE.jpg" });
  await expect(unlinked.getByTestId("link-state")).toHaveAttribute("data-match", /^(UNMATCHED|AMBIGUOUS)$/);
  await expect(unlinked).toContainText("do nome: ZZ77-0007 · FRENTE");
  await expect(unlinked.getByRole("link", { name: /Conciliar ZZ77-0007_FRENTE\.jpg/ })).toHaveAttribute(
    "href",
    new RegExp(`^/conciliacao\\?batchId=${batch.id}&imageId=[0-9a-f-]{36}$`),
  );
  await expect(unlinked.getByRole("link", { name: /Abrir o produto/ })).toHaveCount(0);

  // A thumbnail opens the original photo in a new tab.
  const [popup] = await Promise.all([page.waitForEvent("popup"), linked.getByTestId("open-photo").click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toMatch(/\/api\/v1\/images\/[0-9a-f-]+\/original$/);
  await popup.close();

  // Not fullPage: that resizes the viewport while capturing, and the virtualised grid (sized to the
  // viewport) would be caught mid-relayout. The viewport is tall enough for the whole page.
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1100 });
    await expect(linked.getByTestId("link-state")).toBeInViewport();
    await page.screenshot({ path: `test-results/screens/batch-detail-${width}.png` });
  }

  // Reprocessar falhas: progress while the request runs, then how many went back to the queue.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/reprocess", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("button", { name: "Reprocessar falhas" }).click();
  await expect(page.getByRole("button", { name: "Reprocessando…" })).toBeDisabled();
  release();
  await expect(
    page.getByRole("status").filter({ hasText: "1 imagem voltou para a fila de processamento." }),
  ).toBeVisible();
  await expect(page.getByTestId("batch-status")).toHaveText("concluído com falhas", { timeout: 30_000 });

  // The dashboard counts the failed photo apart from the ones pending review.
  await page.goto("/");
  const failedStat = page.locator("dl > div").filter({ has: page.getByText("Falhas", { exact: true }) });
  await expect(failedStat).toContainText("Falharam no processamento");
  await expect(page.locator("dl > div").filter({ has: page.getByText("Pendentes", { exact: true }) })).toContainText(
    "Aguardando revisão",
  );
  expect(
    Number((await failedStat.locator("dd > span").first().textContent())?.replace(/\D/g, "")),
  ).toBeGreaterThanOrEqual(1);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screens/dashboard-${width}.png`, fullPage: true });
  }
});

test("a VIEWER sees the batches without Novo lote, Processar Todos, drop zones or batch controls; the server still refuses", async ({
  page,
  browser,
}) => {
  await page.goto("/");
  await createUserAsAdmin(page, VIEWER);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    await signInViaApi(context.request, VIEWER.email, VIEWER.password);
    const viewer = await context.newPage();
    await viewer.goto("/lotes");
    await expect(viewer.getByRole("heading", { level: 1, name: "Lotes" })).toBeVisible();
    const card = batchCard(viewer, `Recusas ${stamp}`);
    await expect(card).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Novo lote" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Processar Todos" })).toHaveCount(0);
    await expect(viewer.getByTestId("files-input")).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Selecionar arquivos" })).toHaveCount(0);
    await expect(card.getByTestId("server-counts")).toContainText("1 arquivo recusado");
    await viewer.screenshot({ path: "test-results/screens/batches-viewer-1280.png", fullPage: true });

    await card.getByRole("link", { name: /Ver detalhes/ }).click();
    await expect(viewer.getByRole("heading", { level: 1, name: `Recusas ${stamp}` })).toBeVisible();
    await expect(viewer.getByTestId("refused-file")).toContainText("nota.jpg");
    for (const name of ["Iniciar", "Pausar", "Retomar", "Reprocessar falhas", "Cancelar"])
      await expect(viewer.getByRole("button", { name, exact: true })).toHaveCount(0);

    const origin = new URL(viewer.url()).origin;
    const denied = await viewer.request.post("/api/v1/batches", { data: { name: "não pode" }, headers: { origin } });
    expect(denied.status()).toBe(403);
    const startAll = await viewer.request.post("/api/v1/batches/start-all", { data: {}, headers: { origin } });
    expect(startAll.status()).toBe(403);
  } finally {
    await context.close();
  }
});

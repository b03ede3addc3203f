import { mkdir } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi, uploadAndProcess } from "../support/api";

// AI vision from the catalog against the production build, the vision model being the local fake
// OpenAI server (playwright.config.ts starts it and points OPENAI_BASE_URL at it). File-name markers
// choose its answers (tests/support/fake-openai-server-replies.ts): `falha-500` always gets a 500,
// `duas-pecas` two pieces with boxes, `cor-vermelho` the colour VERMELHO (the carteira says MARROM,
// a colour the fake server never gives as a secondary one, so the divergence is certain).
test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const AI_PORT = Number(process.env.E2E_AI_PORT ?? 3199);
const SCREENS = "test-results/screens";

const CARTEIRA = { nomePeca: "Vestido Midi Linho", tipoPeca: "VESTIDO", cor: "MARROM", categoria: "Vestidos" };

/** Four photos (unique bytes from `seedFrom`), each linked to its own product whose carteira says VESTIDO / MARROM. */
async function seed(page: Page, label: string, seedFrom: number) {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca IA ${label} ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `IA ${label} ${stamp}` });
  const skus = [1, 2, 3, 4].map((n) => `AI${label}${stamp}-${String(n).padStart(4, "0")}`);
  for (const sku of skus) await postJson(page, "/api/v1/products", { sku, collectionId: collection.id, ...CARTEIRA });
  const names = {
    failing: `${skus[0]}_falha-500.jpg`,
    pieces: `${skus[1]}_duas-pecas-cor-vermelho.jpg`,
    plain: `${skus[2]}_01.jpg`,
    quick: `${skus[3]}_01.jpg`,
  };
  const batch = await postJson(page, "/api/v1/batches", {
    name: `IA ${label} ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const files = await Promise.all(
    Object.values(names).map(async (name, i) => [name, await productJpeg(seedFrom + i, 120, 160)] as const),
  );
  await uploadAndProcess(page, batch.id, files, "COMPLETED");
  return { collectionId: collection.id, names };
}

/** How many vision requests the fake server received for a file. */
async function requestsFor(page: Page, fileName: string): Promise<number> {
  const response = await page.request.get(`http://127.0.0.1:${AI_PORT}/__fake/requests`);
  const log = (await response.json()) as { path: string; fileName: string | null }[];
  return log.filter((request) => request.path.endsWith("/chat/completions") && request.fileName === fileName).length;
}

/** The fake server's behaviour, changed from here (it runs in its own process). */
async function fakeBehaviour(page: Page, change: Record<string, unknown>) {
  const response = await page.request.post(`http://127.0.0.1:${AI_PORT}/__fake/behaviour`, { data: change });
  expect(response.ok()).toBe(true);
}

const grid = (page: Page) => page.getByRole("region", { name: "Fotos do catálogo" });
const card = (page: Page, name: string) => grid(page).getByRole("link", { name: `Abrir os detalhes da foto ${name}` });
const checkbox = (page: Page, name: string) => grid(page).getByRole("checkbox", { name: `Selecionar ${name}` });
const logRow = (scope: Locator, name: string) => scope.getByTestId("ai-run-item").filter({ hasText: name });

async function screenshots(page: Page, name: string, target?: Locator) {
  await mkdir(SCREENS, { recursive: true });
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await (target ?? page).screenshot({ path: `${SCREENS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("analyses three selected photos: estimate, live log with one failure, fields and piece boxes in the detail", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/catalogo");
  const { collectionId, names } = await seed(page, "A", 900);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/catalogo?collectionId=${collectionId}`);
  await expect(grid(page).getByTestId("catalog-card")).toHaveCount(4);

  for (const name of [names.failing, names.pieces, names.plain]) await checkbox(page, name).click();
  const bar = page.getByRole("region", { name: "Ações da seleção" });
  await expect(bar.getByTestId("bulk-count")).toHaveText("3 fotos selecionadas");
  await bar.getByRole("button", { name: "Analisar com IA" }).click();

  const modal = page.getByRole("dialog", { name: "Analisar com IA" });
  await expect(modal).toBeVisible();
  await expect(modal.getByTestId("ai-modal-selection")).toHaveText("3 fotos selecionadas");
  // Every field starts checked; "Estilo" is left out of this run.
  const estilo = modal.getByRole("checkbox", { name: "Estilo" });
  await expect(estilo).toBeChecked();
  await estilo.uncheck();
  await expect(modal.getByRole("checkbox", { name: "Peças" })).toBeChecked();
  await expect(modal.getByRole("checkbox", { name: "Sobrescrever edições manuais" })).not.toBeChecked();
  await expect(modal.getByRole("radio", { name: /^Agora/ })).toBeChecked();
  // The estimate: photos, cost (a paid model), time and the engine.
  await expect(modal.getByTestId("ai-estimate-photos")).toHaveText("3 fotos");
  await expect(modal.getByTestId("ai-estimate-cost")).toContainText("US$");
  await expect(modal.getByTestId("ai-estimate-time")).toHaveText(/\d+ s|min|menos de 1 s/);
  await expect(modal.getByTestId("ai-estimate-engine")).toHaveText(/^Modelo de visão \(.+\)$/);
  await screenshots(page, "ai-modal-setup");

  // Slow answers, so the run is seen while it runs.
  await fakeBehaviour(page, { latencyMs: 1500 });
  await modal.getByRole("button", { name: "Iniciar análise" }).click();
  const running = page.getByRole("dialog", { name: /Análise (em andamento|concluída)/ });
  await expect(running.getByTestId("ai-run-progress")).toBeVisible();
  await expect(running.getByRole("progressbar")).toBeVisible();
  await expect(running.getByTestId("ai-run-item")).toHaveCount(3);
  await screenshots(page, "ai-modal-running");

  // The end, told honestly: two analysed, one failed with the reason.
  await expect(running.getByTestId("ai-run-summary")).toHaveText("2 analisadas, 1 falhou", { timeout: 90_000 });
  await expect(page.getByRole("dialog", { name: "Análise concluída" })).toBeVisible();
  await fakeBehaviour(page, { latencyMs: 0 });
  await expect(logRow(running, names.failing)).toHaveAttribute("data-status", "FAILED");
  await expect(logRow(running, names.failing).getByTestId("ai-item-status")).toHaveText("falhou");
  await expect(logRow(running, names.failing).getByTestId("ai-item-reason")).toContainText("HTTP 500");
  for (const name of [names.pieces, names.plain])
    await expect(logRow(running, name)).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(running.getByTestId("ai-run-counts").locator('[data-count="done"]')).toHaveText("2");
  await expect(running.getByTestId("ai-run-counts").locator('[data-count="failed"]')).toHaveText("1");
  await screenshots(page, "ai-modal-finished");
  const runHref = await running.getByTestId("ai-run-link").getAttribute("href");
  expect(runHref).toMatch(/^\/catalogo\/analises\/[0-9a-f-]{36}$/);
  await running.getByRole("button", { name: "Fechar", exact: true }).click();
  await expect(running).toHaveCount(0);

  // The detail of the photo with two pieces: its AI fields, the boxes over the photo, the divergence.
  await card(page, names.pieces).click();
  const detail = page.getByTestId("image-detail");
  const editorial = detail.getByRole("region", { name: "IA / editorial" });
  await expect(editorial.getByTestId("ai-status")).toContainText("analisada");
  await expect(editorial.getByTestId("ai-source")).toContainText("modelo:");
  await expect(editorial.getByTestId("ai-analyzed-at")).toBeVisible();
  await expect(editorial.getByTestId("field-aiColor")).toContainText("VERMELHO");
  await expect(editorial.getByTestId("field-aiColor").getByTestId("ai-confidence")).toHaveText("92% de confiança");
  await expect(editorial.getByTestId("field-aiDescription")).toContainText("vermelho");
  await expect(editorial.getByTestId("field-aiTipoPeca")).not.toContainText("—");
  await expect(editorial.getByTestId("field-aiMaterial")).not.toContainText("Adicionar");
  await expect(editorial.getByTestId("field-aiStyle")).toContainText("Adicionar"); // not asked: empty, editable
  await expect(editorial.getByTestId("ai-divergence")).toContainText("Possível divergência: cor");
  const pieces = detail.getByRole("region", { name: /Peças detectadas/ });
  await expect(pieces.getByTestId("piece-legend")).toHaveCount(2);
  await expect(detail.getByTestId("detail-preview")).toHaveJSProperty("complete", true);
  await expect(detail.getByTestId("piece-box")).toHaveCount(2);
  const photoBox = (await detail.getByTestId("piece-boxes").boundingBox())!;
  const firstBox = (await detail.getByTestId("piece-box").first().boundingBox())!;
  expect(firstBox.width).toBeGreaterThan(photoBox.width * 0.3);
  expect(firstBox.x).toBeGreaterThanOrEqual(photoBox.x);
  // The carteira, read-only and separate, is what it was.
  const carteira = detail.getByRole("region", { name: "Carteira" });
  await expect(carteira.getByTestId("carteira-cor")).toHaveText(CARTEIRA.cor);
  await expect(carteira.getByTestId("carteira-tipoPeca")).toHaveText(CARTEIRA.tipoPeca);
  await expect(carteira.getByTestId("carteira-nomePeca")).toHaveText(CARTEIRA.nomePeca);
  await screenshots(page, "ai-detail-boxes");
  await pieces.scrollIntoViewIfNeeded();
  await pieces.getByTestId("piece-legend").first().hover();
  await screenshots(page, "ai-detail-pieces");
  await pieces.getByRole("button", { name: "Ocultar caixas" }).click();
  await expect(detail.getByTestId("piece-box")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(detail).toHaveCount(0);

  // The failing photo's detail says its analysis failed.
  await card(page, names.failing).click();
  await expect(page.getByTestId("image-detail").getByTestId("ai-error")).toContainText("A última análise falhou");
  await page.keyboard.press("Escape");

  // "Possível divergência": one click narrows the catalog to the photo whose colour disagrees.
  await page.getByRole("button", { name: "Possível divergência", exact: true }).click();
  await expect(page).toHaveURL(/[?&]aiDivergence=true/);
  await expect(grid(page).getByTestId("catalog-card")).toHaveCount(1);
  await expect(card(page, names.pieces)).toBeVisible();
  await expect(page.getByRole("button", { name: "Possível divergência", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  // The runs page lists it with its failure; its page re-runs the failed photo in one click.
  await page.goto("/catalogo/analises");
  const row = page.locator(`[data-testid="ai-run-row"][data-run-id="${runHref!.split("/").pop()}"]`);
  await expect(row.getByTestId("ai-run-failures")).toHaveText("1");
  await expect(row.getByTestId("ai-run-status")).toHaveText("Concluída");
  await screenshots(page, "ai-runs-page");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(runHref!);
  const runPage = page.getByTestId("ai-run-detail");
  await expect(runPage.getByTestId("ai-run-summary")).toHaveText("2 analisadas, 1 falhou");
  await screenshots(page, "ai-run-detail");
  const sentBefore = await requestsFor(page, names.failing);
  expect(sentBefore).toBeGreaterThan(0);
  await runPage.getByRole("button", { name: "Reprocessar falhas" }).click();
  // The failed photo is sent again (only it); still a 500, so the run ends as before.
  await expect.poll(() => requestsFor(page, names.failing), { timeout: 60_000 }).toBeGreaterThan(sentBefore);
  await expect(runPage.getByTestId("ai-run-summary")).toHaveText("2 analisadas, 1 falhou", { timeout: 60_000 });
  await expect(page.getByTestId("ai-run-item").filter({ hasText: names.failing })).toHaveAttribute(
    "data-status",
    "FAILED",
  );
});

test("the quick AI button of a card analyses that one photo; a VIEWER has none", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const { collectionId, names } = await seed(page, "B", 920);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/catalogo?collectionId=${collectionId}`);
  const quickCard = card(page, names.quick);
  await quickCard.hover();
  const button = grid(page).getByRole("button", { name: `Analisar ${names.quick} com IA` });
  await expect(button).toBeVisible();
  await button.click();
  // The click starts a run of one and opens nothing.
  await expect(page.getByTestId("image-detail")).toHaveCount(0);
  const toast = page.getByTestId("ai-quick-toast").filter({ hasText: names.quick });
  await expect(toast).toContainText(`${names.quick}: analisada.`, { timeout: 60_000 });
  await screenshots(page, "ai-quick-toast");
  await expect(quickCard).toBeVisible();
  await quickCard.click();
  const editorial = page.getByTestId("image-detail").getByRole("region", { name: "IA / editorial" });
  await expect(editorial.getByTestId("ai-status")).toContainText("analisada");
  await expect(editorial.getByTestId("field-aiStyle")).not.toContainText("—");
  await page.keyboard.press("Escape");

  // "Selecionar todos os N resultados" hands the filter (not ids) to the modal: its estimate counts them all.
  await checkbox(page, names.plain).click();
  const bar = page.getByRole("region", { name: "Ações da seleção" });
  await bar.getByTestId("bulk-select-all").click();
  await bar.getByRole("button", { name: "Analisar com IA" }).click();
  const modal = page.getByRole("dialog", { name: "Analisar com IA" });
  await expect(modal.getByTestId("ai-modal-selection")).toHaveText("Todos os 4 resultados");
  await expect(modal.getByTestId("ai-estimate-photos")).toHaveText("4 fotos");
  await modal.getByRole("button", { name: "Cancelar" }).click();
  await expect(modal).toHaveCount(0);
  await bar.getByRole("button", { name: "Limpar seleção" }).click();

  const viewer = { email: `ai-viewer-${stamp}@e2e.vitrine.local`.toLowerCase(), password: "viewer-senha-123" };
  await createUserAsAdmin(page, { ...viewer, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await signInViaApi(viewerPage.request, viewer.email, viewer.password);
  await viewerPage.goto(`/catalogo?collectionId=${collectionId}`);
  await expect(grid(viewerPage).getByTestId("catalog-card")).toHaveCount(4);
  await expect(grid(viewerPage).getByTestId("card-ai")).toHaveCount(0);
  await checkbox(viewerPage, names.plain).click();
  await expect(viewerPage.getByRole("region", { name: "Ações da seleção" }).getByTestId("bulk-ai")).toHaveCount(0);
  await context.close();
});

test("a run is cancelled from its live view: photos at the provider land, the waiting ones are cancelled", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/catalogo");
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca IA K ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `IA K ${stamp}` });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `IA K ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  // Twice as many photos as the worker's parallel calls (AI_WORKER_CONCURRENCY 4): some must wait.
  const files = await Promise.all(
    Array.from(
      { length: 8 },
      async (_, i) => [`CANCELA${stamp}-${i}_01.jpg`, await productJpeg(960 + i, 120, 160)] as const,
    ),
  );
  await uploadAndProcess(page, batch.id, files, "COMPLETED");
  await page.goto(`/catalogo?collectionId=${collection.id}`);
  await checkbox(page, files[0]![0]).click();
  const bar = page.getByRole("region", { name: "Ações da seleção" });
  await bar.getByTestId("bulk-select-all").click();
  await bar.getByRole("button", { name: "Analisar com IA" }).click();
  const modal = page.getByRole("dialog", { name: "Analisar com IA" });
  await expect(modal.getByTestId("ai-estimate-photos")).toHaveText("8 fotos");
  await fakeBehaviour(page, { latencyMs: 6000 });
  try {
    await modal.getByRole("button", { name: "Iniciar análise" }).click();
    const running = page.getByRole("dialog", { name: /Análise em andamento/ });
    await expect(running.getByTestId("ai-run-progress")).toHaveAttribute("data-status", "RUNNING");
    // The first photos are at the provider (slow answers): cancel now, confirming the question.
    await expect.poll(() => requestsFor(page, files[0]![0]), { timeout: 30_000 }).toBeGreaterThan(0);
    page.once("dialog", (dialog) => void dialog.accept());
    await running.getByRole("button", { name: "Cancelar análise" }).click();
    const cancelledView = page.getByRole("dialog", { name: "Análise cancelada" });
    await expect(cancelledView.getByTestId("ai-run-progress")).toHaveAttribute("data-status", "CANCELLED", {
      timeout: 30_000,
    });
    await expect(cancelledView.getByRole("button", { name: "Cancelar análise" })).toHaveCount(0);
    // Honest end: the photos at the provider land and are written (the view keeps following them),
    // the others are cancelled, and nothing was sent after the cancel.
    const rows = cancelledView.getByTestId("ai-run-item");
    await expect(cancelledView.getByTestId("ai-run-counts").locator('[data-count="remaining"]')).toHaveText("0", {
      timeout: 60_000,
    });
    const sent = (await Promise.all(files.map(([name]) => requestsFor(page, name)))).filter((n) => n > 0).length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(8);
    await expect(rows.and(page.locator('[data-status="SUCCEEDED"]'))).toHaveCount(sent);
    await expect(rows.and(page.locator('[data-status="CANCELLED"]'))).toHaveCount(8 - sent);
    await expect(cancelledView.getByTestId("ai-run-summary")).toHaveText(
      `${sent} ${sent === 1 ? "analisada" : "analisadas"}, ${8 - sent} ${8 - sent === 1 ? "cancelada" : "canceladas"}`,
    );
    await screenshots(page, "ai-run-cancelled");
  } finally {
    await fakeBehaviour(page, { latencyMs: 0 });
  }
});

// Last in the file: the app remembers that this server has no Batch API.
test("economy mode on a server without the Batch API is refused with the server's reason and turned off", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const { collectionId, names } = await seed(page, "C", 940);
  await fakeBehaviour(page, { batchApi: false });
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/catalogo?collectionId=${collectionId}`);
    await checkbox(page, names.plain).click();
    await page
      .getByRole("region", { name: "Ações da seleção" })
      .getByRole("button", { name: "Analisar com IA" })
      .click();
    const modal = page.getByRole("dialog", { name: "Analisar com IA" });
    await expect(modal.getByTestId("ai-estimate-photos")).toHaveText("1 foto");
    const economy = modal.getByRole("radio", { name: /^Econômico/ });
    await economy.check();
    await expect(modal.getByTestId("ai-estimate-time")).toHaveText("até 24 h");
    await modal.getByRole("button", { name: "Iniciar análise" }).click();
    await expect(economy).toBeDisabled();
    await expect(modal.getByRole("radio", { name: /^Agora/ })).toBeChecked();
    await expect(modal.getByTestId("ai-mode-batch-hint")).toContainText("Indisponível:");
    await expect(modal.getByTestId("ai-mode-batch-hint")).toContainText("Batch API");
    await screenshots(page, "ai-modal-batch-unsupported", modal);
    // Nothing was started: the modal still offers the start, now in the immediate mode.
    const start = modal.getByRole("button", { name: "Iniciar análise" });
    await expect(start).toBeEnabled();
    // The keyboard stays inside the modal: Tab from the last control wraps to the first, Shift+Tab back.
    await start.focus();
    await page.keyboard.press("Tab");
    await expect(modal.getByRole("button", { name: "Fechar a janela" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(start).toBeFocused();
    // Esc closes it and gives the focus back to the button that opened it.
    await page.keyboard.press("Escape");
    await expect(modal).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Analisar com IA" })).toBeFocused();
  } finally {
    await fakeBehaviour(page, { batchApi: true });
  }
});

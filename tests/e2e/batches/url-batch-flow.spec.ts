import { expect, test, type Page } from "@playwright/test";
import { E2E_PHOTOS_PORT } from "../../../playwright.config";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

// Issue #15's whole flow in Chromium against the production build: the list's good lines are
// served by the photo host on 127.0.0.1 (the one allow-listed host: tests/support/photo-host-server.ts);
// the blocked ones name other loopback addresses and ports, which nothing ever connects to.
const stamp = Date.now().toString(36).toUpperCase();
const HOST = `http://127.0.0.1:${E2E_PHOTOS_PORT}`;
const NOT_ALLOWED_PORT = E2E_PHOTOS_PORT + 1;

type BatchView = {
  status: string;
  urlCounts: { total: number; pending: number; fetching: number; stored: number; duplicate: number; failed: number };
};
const batchOf = async (page: Page, id: string) =>
  (await (await page.request.get(`/api/v1/batches/${id}`)).json()) as BatchView;

test("a URL list from the template to a finished batch: preview, chunks, pause/resume, health, errors, reprocess network failures", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const good = Array.from(
    { length: 12 },
    (_, i) => `${HOST}/slow/800/VD27-${stamp}-${String(i + 1).padStart(2, "0")}_FRENTE.jpg`,
  );
  const lines = [
    "url;sku",
    ...good.map((url, i) => `${url};VD27-${stamp}-${String(i + 1).padStart(2, "0")}`), // lines 2–13
    `${HOST}/status/404/sumiu.jpg;`, // 14: HTTP 404
    `${HOST}/html-as-jpeg/pagina.jpg;`, // 15: not an image
    `${HOST}/loop/1;`, // 16: redirect loop
    `${HOST}/flaky/VD27-${stamp}-F1.jpg;`, // 17: 503 until healed (a network failure)
    `${HOST}/flaky/VD27-${stamp}-F2.jpg;`, // 18
    `http://127.0.0.1:${NOT_ALLOWED_PORT}/x.jpg;`, // 19: loopback, port not allowed
    "http://[::1]/y.jpg;", // 20
    "http://2130706433/z.jpg;", // 21: 127.0.0.1 as a number
    `${HOST}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${NOT_ALLOWED_PORT}/w.jpg`)};`, // 22: redirect to a blocked port
    "isto não é uma url;", // 23
    `${good[0]};`, // 24: repeats line 2
  ];

  await page.goto("/lotes");
  await page.getByRole("tab", { name: "Importar URLs" }).click();
  const form = page.getByTestId("url-import-form");
  const [template] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("link", { name: "Baixar modelo" }).click(),
  ]);
  expect(template.suggestedFilename()).toMatch(/\.csv$/);

  const name = `Fornecedor ${stamp}`;
  await form.getByLabel("Nome do lote").fill(name);
  await form.getByLabel("URLs por bloco").fill("5");
  await form.getByLabel("Lista de URLs (CSV ou TXT)").setInputFiles({
    name: `fornecedor-${stamp}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\n")),
  });
  const preview = form.getByTestId("url-list-preview");
  await expect(preview.getByTestId("preview-valid")).toHaveText("18");
  await expect(preview.getByTestId("preview-duplicates")).toHaveText("1");
  await expect(preview.getByTestId("preview-invalid")).toHaveText("4");
  const invalid = preview.getByTestId("invalid-lines");
  for (const line of [19, 20, 21, 23]) await expect(invalid.locator(`tr[data-line="${line}"]`)).toBeVisible();
  await form.getByRole("button", { name: "Criar lote" }).click();
  await expect(page).toHaveURL(/\/lotes\/[0-9a-f-]{36}$/);
  const batchId = page.url().split("/").pop()!;

  // Chunks: 22 rows (the repeat dropped) in blocks of 5.
  const chunks = page.getByTestId("batch-chunks");
  await expect(chunks.locator("[data-chunk]")).toHaveCount(5);

  // Pause while the slow photos are being fetched; nothing more is stored while paused.
  await page.getByRole("button", { name: "Pausar" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("pausado");
  const paused = (await batchOf(page, batchId)).urlCounts;
  expect(paused.pending).toBeGreaterThan(0);
  await page.waitForTimeout(2_500);
  const stillPaused = (await batchOf(page, batchId)).urlCounts;
  expect(stillPaused.stored + stillPaused.failed).toBeLessThanOrEqual(paused.stored + paused.failed + paused.fetching);
  await page.getByRole("button", { name: "Retomar" }).click();
  await expect(page.getByTestId("batch-status")).toHaveText("concluído com falhas", { timeout: 120_000 });
  await expect(chunks.locator('[data-status="COMPLETED"]')).toHaveCount(5);

  const done = await batchOf(page, batchId);
  expect(done.urlCounts).toMatchObject({ total: 22, stored: 12, failed: 10, pending: 0 });
  // The page's counts caught up with the end (they move with the URLs, not only with the photos).
  const urlCounts = page.getByTestId("url-counts");
  await expect(urlCounts.locator('[data-url-count="stored"]')).toHaveText("12");
  await expect(urlCounts.locator('[data-url-count="failed"]')).toHaveText("10");
  await expect(urlCounts.locator('[data-url-count="pending"]')).toHaveText("0");

  // Health and the error analysis name the blocked ones.
  const health = page.getByTestId("batch-health");
  await expect(health.getByTestId("health-score")).toHaveText(/^\d+$/);
  const errors = page.getByTestId("batch-errors");
  const categories = errors.getByTestId("error-categories");
  await expect(categories.locator('[data-category="BLOCKED_ADDRESS"]')).toContainText("4");
  await expect(categories.locator('[data-category="HTTP_5XX"]')).toContainText("2");
  await expect(categories.locator('[data-category="NOT_IMAGE"]')).toBeVisible();
  await expect(categories.locator('[data-category="REDIRECT_LOOP"]')).toBeVisible();
  const blocked = errors.getByTestId("blocked-urls");
  await expect(blocked).toContainText("http://[::1]/y.jpg");
  await expect(blocked).toContainText(`127.0.0.1:${NOT_ALLOWED_PORT}`);
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1200 });
    await page.screenshot({ path: `test-results/screens/lote-urls-${width}.png`, fullPage: true });
  }

  // The supplier's server is back: "reprocessar falhas de rede" fetches the two 503s again, and only them.
  expect((await page.request.post(`${HOST}/__photos/heal`)).status()).toBe(204);
  await errors.getByRole("button", { name: "Reprocessar falhas de rede" }).click();
  await expect.poll(async () => (await batchOf(page, batchId)).urlCounts.stored, { timeout: 60_000 }).toBe(14);
  const requests = (await (await page.request.get(`${HOST}/__photos/requests`)).json()) as Record<string, number>;
  expect(requests[`/status/404/sumiu.jpg`]).toBe(1);
  expect(requests[`/flaky/VD27-${stamp}-F1.jpg`]).toBe(2);
  // The repeat on line 24 was dropped; a fetch the pause cut short is the only one made again (a
  // stored URL is never fetched twice: tests/integration/url-chunks covers it after a kill).
  const goodRequests = good.map((url) => requests[new URL(url).pathname] ?? 0);
  expect(
    goodRequests.every((n) => n >= 1),
    JSON.stringify(goodRequests),
  ).toBe(true);
  expect(
    goodRequests.reduce((a, b) => a + b, 0),
    JSON.stringify(goodRequests),
    // At most the host's parallel downloads (URL_FETCH_PER_HOST_CONCURRENCY, 4) were cut short by the pause.
  ).toBeLessThanOrEqual(good.length + 4);
  await expect(page.getByTestId("batch-status")).toHaveText("concluído com falhas");

  // Clone it with its results: the stored URLs stay linked to their photos, only the others are fetched again.
  await page.getByRole("button", { name: "Clonar", exact: true }).click();
  const cloneDialog = page.getByTestId("batch-clone-dialog");
  const cloneName = `Clone ${stamp}`;
  await cloneDialog.getByLabel("Nome do novo lote").fill(cloneName);
  await cloneDialog.getByLabel("Copiar resultados").check();
  await cloneDialog.getByRole("button", { name: "Clonar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: cloneName })).toBeVisible();
  const cloneId = page.url().split("/").pop()!;
  expect(cloneId).not.toBe(batchId);
  const clone = await batchOf(page, cloneId);
  expect(clone.urlCounts.total).toBe(22);
  expect(clone.urlCounts.stored).toBe(14);

  // Soft-delete the original (restorable), find it under "Mostrar excluídos", restore it.
  await page.goto(`/lotes/${batchId}`);
  await page.getByRole("button", { name: "Excluir", exact: true }).click();
  const deleteDialog = page.getByTestId("batch-delete-dialog");
  await deleteDialog.getByLabel("Dias para restaurar").fill("7");
  await deleteDialog.getByRole("button", { name: "Excluir", exact: true }).click();
  await expect(page.getByTestId("batch-deleted-banner")).toContainText("Excluído — será removido em");
  // Read-only until restored: no batch controls on its page.
  await expect(page.getByRole("button", { name: "Reprocessar falhas", exact: true })).toHaveCount(0);
  await page.goto("/lotes");
  await expect(page.getByRole("heading", { name, exact: true })).toHaveCount(0);
  await page.getByLabel("Mostrar excluídos").check();
  const deletedCard = page.getByTestId("deleted-batch-card").filter({ hasText: name });
  await deletedCard.getByRole("button", { name: "Restaurar" }).click();
  await expect(page.getByTestId("deleted-batch-card").filter({ hasText: name })).toHaveCount(0);
  await page.getByLabel("Mostrar excluídos").uncheck();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  expect((await batchOf(page, batchId)).status).toBe("COMPLETED_WITH_ERRORS");
});

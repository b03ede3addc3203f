import { expect, test } from "@playwright/test";
import { insertUrlBatch } from "../../support/url-batch-rows";
import { ADMIN_STATE, createUserAsAdmin, signInViaApi } from "../support/api";
import { withE2eDatabase } from "../support/e2e-db";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/**
 * A finished URL batch written into the e2e database: chunk 1 fine but for 2 blocked addresses,
 * chunk 2 failing (404s, timeouts, DNS). Every URL is finished, so no worker fetches any of them.
 */
async function insertFailingUrlBatch(name: string): Promise<string> {
  return withE2eDatabase(async (run) => {
    const { batchId } = await insertUrlBatch(run, {
      name,
      status: "COMPLETED_WITH_ERRORS",
      startedAt: minutesAgo(10),
      finishedAt: new Date(),
      chunkSize: 100,
      chunks: [
        {
          startedAt: minutesAgo(10),
          finishedAt: minutesAgo(6),
          worker: "e2e-host:101",
          urls: [
            { count: 95, status: "STORED" },
            { count: 3, status: "DUPLICATE" },
            {
              count: 2,
              status: "FAILED",
              category: "BLOCKED_ADDRESS",
              errorCode: "URL_ADDRESS_BLOCKED",
              urlPrefix: "http://169.254.169.254/latest/meta-data-",
            },
          ],
        },
        {
          startedAt: minutesAgo(6),
          finishedAt: new Date(),
          worker: "e2e-host:102",
          urls: [
            { count: 50, status: "STORED" },
            {
              count: 30,
              status: "FAILED",
              category: "HTTP_4XX",
              errorCode: "URL_HTTP_ERROR",
              httpStatus: 404,
              host: "cdn.fornecedor.invalid",
            },
            { count: 15, status: "FAILED", category: "TIMEOUT", errorCode: "URL_TIMEOUT", host: "localhost" },
            { count: 5, status: "FAILED", category: "DNS", errorCode: "URL_FETCH_FAILED", host: "nao-existe.invalid" },
          ],
        },
      ],
    });
    return batchId;
  });
}

test("a URL batch with failures shows its health score, errors by category with the blocked URLs named, and its chunks", async ({
  page,
  browser,
}) => {
  const name = `Fornecedor E2E ${stamp}`;
  const batchId = await insertFailingUrlBatch(name);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/lotes/${batchId}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // URL counts: 148 stored, 3 already in the bank, 52 failed of 200.
  const urlCounts = page.getByTestId("url-counts");
  await expect(urlCounts.locator('[data-url-count="total"]')).toHaveText("200");
  await expect(urlCounts.locator('[data-url-count="stored"]')).toHaveText("145");
  await expect(urlCounts.locator('[data-url-count="failed"]')).toHaveText("52");

  // Health: 148 of 200 succeeded (74 %); blocked addresses and failures rising in chunk 2.
  const health = page.getByTestId("batch-health");
  await expect(health.getByTestId("health-score")).toHaveText(/^\d+$/);
  await expect(health.getByTestId("health-status")).toHaveText("Atenção");
  await expect(health.locator('[data-factor="success_rate"]')).toHaveText("74");
  await expect(health.getByTestId("health-recommendations").locator('[data-code="BLOCKED_ADDRESSES"]')).toContainText(
    "2 URLs apontam para endereços bloqueados",
  );
  await expect(health.getByTestId("health-recommendations").locator('[data-code="RISING_FAILURES"]')).toContainText(
    "chunk 2",
  );

  // Errors by category, with bars and shares; the blocked URLs named with their lines.
  const errors = page.getByTestId("batch-errors");
  await expect(errors.getByTestId("errors-summary")).toContainText("52 erros em 200 itens");
  const categories = errors.getByTestId("error-categories");
  await expect(categories.locator('[data-category="HTTP_4XX"]')).toContainText("HTTP 4xx");
  await expect(categories.locator('[data-category="HTTP_4XX"]')).toContainText("30 · 57,7%");
  await expect(categories.locator('[data-category="BLOCKED_ADDRESS"]')).toContainText("Endereço bloqueado");
  const blocked = errors.getByTestId("blocked-urls");
  await expect(blocked).toContainText("URLs bloqueadas (2)");
  await expect(blocked).toContainText("http://169.254.169.254/latest/meta-data-1.jpg");
  await expect(blocked).toContainText("linha 99");
  await expect(blocked).toContainText("linha 100");
  await expect(errors.getByRole("table", { name: "Erros mais comuns" })).toContainText("HTTP_404");
  await expect(errors.getByRole("table", { name: "Servidores mais afetados" })).toContainText("cdn.fornecedor.invalid");
  await expect(errors.getByRole("button", { name: "Reprocessar falhas de rede" })).toBeEnabled();

  // Chunks: number, status, counts, timings and worker.
  const chunks = page.getByTestId("batch-chunks");
  await expect(chunks.locator('[data-chunk="1"]')).toContainText("Concluído");
  await expect(chunks.locator('[data-chunk="2"]')).toContainText("e2e-host:102");
  await expect(chunks.locator('[data-chunk="2"]')).toContainText("50");

  await page.screenshot({ path: "test-results/screens/batch-analytics-1440.png", fullPage: true });
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect(health.getByTestId("health-score")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/batch-analytics-1024.png", fullPage: true });

  // A VIEWER sees the analysis but not the button that acts.
  const viewer = {
    email: `viewer-analytics-${stamp}@e2e.vitrine.local`,
    password: "viewer-e2e-senha",
    role: "VIEWER" as const,
  };
  await createUserAsAdmin(page, viewer);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    await signInViaApi(context.request, viewer.email, viewer.password);
    const viewerPage = await context.newPage();
    await viewerPage.goto(`/lotes/${batchId}`);
    await expect(viewerPage.getByRole("heading", { level: 2, name: "Análise de erros" })).toBeVisible();
    await expect(viewerPage.getByTestId("blocked-urls")).toContainText("http://169.254.169.254/latest/meta-data-2.jpg");
    await expect(viewerPage.getByRole("button", { name: "Reprocessar falhas de rede" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_BLOB_API_URL } from "../../../playwright.config";
import { writeProductFolder } from "../../fixtures/images/build-images";
import { postJson, signInViaApi } from "../support/api";

/**
 * One upload through the direct-to-blob path (project "direct-blob" in playwright.config.ts: an
 * app on the Vercel Blob driver whose store is the local Vercel Blob protocol server). The browser's
 * `@vercel/blob/client` PUTs to the real API address, https://vercel.com/api/blob; the page's
 * network is routed from there to the local server, as DNS would, so nothing leaves the machine.
 */
const VERCEL_BLOB_API = "https://vercel.com/api/blob";
const stamp = Date.now().toString(36);
let root = "";
let folder = "";

test.beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "vitrine-e2e-direct-"));
  // Photos of their own (seeded by skuStart), unlike any other spec's.
  folder = (await writeProductFolder({ root, folder: "DIRETO", skuPrefix: "DB26", skuStart: 901, skuCount: 1 })).dir;
});

test.afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** Routes the Blob API to the local server and counts the PUTs that reach it. */
async function routeBlobApi(page: Page): Promise<{ puts: () => number }> {
  let puts = 0;
  await page.route(`${VERCEL_BLOB_API}/**`, async (route) => {
    const request = route.request();
    const cors = {
      "access-control-allow-origin": new URL(page.url()).origin,
      "access-control-allow-methods": "GET, PUT, POST, OPTIONS",
      "access-control-allow-headers": "*",
    };
    if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    if (request.method() === "PUT") puts += 1;
    const response = await route.fetch({ url: request.url().replace(VERCEL_BLOB_API, E2E_BLOB_API_URL) });
    return route.fulfill({ response, headers: { ...response.headers(), ...cors } });
  });
  return { puts: () => puts };
}

test("uploads a folder straight to the store, then processes it", async ({ page }) => {
  await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  const blobApi = await routeBlobApi(page);
  const streamed: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && /\/api\/v1\/batches\/[^/]+\/files$/.test(request.url()))
      streamed.push(request.url());
  });

  await page.goto("/lotes");
  const name = `Direto ${stamp}`;
  await postJson(page, "/api/v1/batches", { name });
  await page.reload();
  const card = page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await card.getByTestId("folder-input").setInputFiles(folder);
  await card.getByTestId("dry-run-panel").getByRole("button", { name: "Enviar tudo" }).click();
  await expect(card.getByTestId("upload-progress")).toContainText("2 de 2 arquivos");
  await card.getByLabel("Só problemas").uncheck();
  await expect(
    card.getByTestId("upload-row").filter({ hasText: "DIRETO/DB26-0901/DB26-0901_FRENTE.jpg" }),
  ).toHaveAttribute("data-status", "stored");
  expect(blobApi.puts()).toBe(2);
  expect(streamed).toEqual([]);

  // The worker reads the bytes back from the store, checks them against what the upload declared, and processes.
  await page.getByRole("button", { name: "Processar Todos" }).click();
  await expect(card.getByTestId("batch-status")).toHaveText("concluído", { timeout: 30_000 });
  await expect(card.getByTestId("processing-counts")).toContainText("2 de 2 processadas");
});

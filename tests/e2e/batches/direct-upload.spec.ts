import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_BLOB_API_URL } from "../../../playwright.config";
import { writeProductFolder } from "../../fixtures/images/build-images";
import { postJson, signInViaApi } from "../support/api";

/**
 * One upload through the direct-to-blob path (project "direct-blob" in playwright.config.ts: an
 * app on the Vercel Blob driver whose store is the local Vercel Blob protocol server, set as
 * VERCEL_BLOB_API_URL, which the token answer hands to the browser's `@vercel/blob/client`).
 */
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

test("uploads a folder straight to the store, then processes it", async ({ page }) => {
  await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  const streamed: string[] = [];
  let puts = 0;
  page.on("request", (request) => {
    if (request.method() === "PUT" && request.url().startsWith(E2E_BLOB_API_URL)) puts += 1;
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
  await card.getByRole("button", { name: /Mostrar arquivos/ }).click();
  await card.getByLabel("Só problemas").setChecked(false);
  await expect(
    card.getByTestId("upload-row").filter({ hasText: "DIRETO/DB26-0901/DB26-0901_FRENTE.jpg" }),
  ).toHaveAttribute("data-status", "stored");
  expect(puts).toBe(2);
  expect(streamed).toEqual([]);

  // The worker reads the bytes back from the store, checks them against what the upload declared, and processes.
  await page.getByRole("button", { name: "Processar Todos" }).click();
  await expect(card.getByTestId("batch-status")).toHaveText("concluído", { timeout: 30_000 });
  await expect(card.getByTestId("processing-counts")).toContainText("2 de 2 processadas");
});

import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE, createUserAsAdmin, signInViaApi } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const VIEWER = {
  email: `url-viewer-${stamp}@e2e.vitrine.local`,
  password: "viewer-e2e-senha",
  role: "VIEWER" as const,
};

test("imports a URL list through the preview: template, line numbers of broken and blocked lines, create, batch page", async ({
  page,
  baseURL,
}) => {
  await page.goto("/lotes");
  await expect(page.getByRole("heading", { level: 1, name: "Lotes" })).toBeVisible();
  const tab = page.getByRole("tab", { name: "Importar URLs" });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
  const form = page.getByTestId("url-import-form");
  await expect(form.getByRole("heading", { name: "Importar lista de URLs" })).toBeVisible();

  // The template: the header the importer reads.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    form.getByRole("link", { name: "Baixar modelo" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const template = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  expect(template.split("\r\n")[0]).toBe("url,sku,path,name");

  // Good lines on this test server's own name (never another host), broken and blocked ones, a repeat.
  const origin = new URL(baseURL!).origin;
  const list = [
    "url;sku",
    `${origin}/e2e-url/${stamp}/VD-1_FRENTE.jpg;VD-1`, // line 2
    `${origin}/e2e-url/${stamp}/VD-2_FRENTE.jpg;VD-2`, // 3
    "isto não é uma url;VD-3", // 4
    "ftp://localhost/VD-4.jpg;VD-4", // 5
    "http://127.0.0.2:9/VD-5.jpg;VD-5", // 6
    `${origin}/e2e-url/${stamp}/VD-1_FRENTE.jpg;VD-1`, // 7: repeats line 2
    "http://[::1]/VD-6.jpg;VD-6", // 8
    `${origin}/e2e-url/${stamp}/VD-7_COSTAS.jpg;VD-7`, // 9
  ].join("\n");
  const name = `URLs ${stamp}`;
  await form.getByLabel("Nome do lote").fill(name);
  await form.getByLabel("Iniciar o download assim que o lote for criado").uncheck();
  await form.getByLabel("Lista de URLs (CSV ou TXT)").setInputFiles({
    name: `lista-${stamp}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(list),
  });

  const preview = form.getByTestId("url-list-preview");
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId("preview-total")).toHaveText("8");
  await expect(preview.getByTestId("preview-valid")).toHaveText("3");
  await expect(preview.getByTestId("preview-duplicates")).toHaveText("1");
  await expect(preview.getByTestId("preview-invalid")).toHaveText("4");
  await expect(preview.getByText("2 endereços bloqueados")).toBeVisible();
  const invalid = preview.getByTestId("invalid-lines");
  await expect(invalid.locator("tbody tr")).toHaveCount(4);
  await expect(invalid.locator('tr[data-line="4"]')).toContainText("URL inválida.");
  await expect(invalid.locator('tr[data-line="5"]')).toContainText("Só http e https são aceitos (ftp).");
  await expect(invalid.locator('tr[data-line="6"]')).toContainText("Endereço não permitido para 127.0.0.2");
  await expect(invalid.locator('tr[data-line="8"]')).toContainText("(loopback)");
  await expect(preview.getByTestId("valid-rows").getByRole("cell", { name: "VD-7" })).toBeVisible();

  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1100 });
    await page.screenshot({ path: `test-results/screens/lotes-importar-urls-${width}.png`, fullPage: true });
  }

  await form.getByRole("button", { name: "Criar lote" }).click();
  await expect(page).toHaveURL(/\/lotes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const batchId = page.url().split("/").pop()!;
  const batch = (await (await page.request.get(`/api/v1/batches/${batchId}`)).json()) as Record<string, unknown>;
  expect(batch).toMatchObject({ source: "URL_LIST", status: "DRAFT", urlCounts: { total: 7, pending: 3, failed: 4 } });
});

test("a VIEWER has no Importar URLs tab; the server refuses the list but gives the template", async ({
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
    await expect(viewer.getByRole("tab", { name: "Importar URLs" })).toHaveCount(0);
    const origin = new URL(viewer.url()).origin;
    const file = { name: "l.csv", mimeType: "text/csv", buffer: Buffer.from("http://localhost/a.jpg\n") };
    const denied = await viewer.request.post("/api/v1/batches", { multipart: { file }, headers: { origin } });
    expect(denied.status()).toBe(403);
    const preview = await viewer.request.post("/api/v1/batches/url-list/preview", {
      multipart: { file },
      headers: { origin },
    });
    expect(preview.status()).toBe(403);
    expect((await viewer.request.get("/api/v1/export/template")).status()).toBe(200);
  } finally {
    await context.close();
  }
});

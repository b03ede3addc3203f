import { expect, test } from "@playwright/test";
import iconv from "iconv-lite";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

// Unique SKUs per run so the test can be repeated against the same database.
const run = Date.now().toString(36).toUpperCase();
const csv = [
  "CARTEIRA DE COMPRAS — VERÃO 2025",
  "",
  "REFERÊNCIA;DESCRIÇÃO;GRUPO;COLEÇÃO;MARCA;COR;OBSERVAÇÃO",
  `E2E-${run}-1;Vestido de tricô;VESTIDOS;Verão 2025;Marca Ação;Azul;lote A`,
  `E2E-${run}-2;Blusa de seda;BLUSAS;Verão 2025;Marca Ação;Bege;`,
  `E2E-${run}-3;Calça pantalona;CALÇAS;Verão 2025;Marca Ação;Preto;urgente`,
].join("\r\n");

test("imports a `;` Windows-1252 carteira through the preview, with a mapping change", async ({ page }) => {
  await page.goto("/carteira");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.getByLabel("Arquivo da carteira").setInputFiles({
    name: `carteira-${run}.csv`,
    mimeType: "text/csv",
    buffer: iconv.encode(csv, "win1252"),
  });

  // Detected mapping: accents decoded from Windows-1252, header found below the title rows.
  await expect(page.getByRole("heading", { name: "Pré-visualização" })).toBeVisible();
  await expect(page.getByText("cabeçalho na linha 3")).toBeVisible();
  await expect(page.getByLabel("Campo da coluna REFERÊNCIA")).toHaveValue("sku");
  await expect(page.getByLabel("Campo da coluna DESCRIÇÃO")).toHaveValue("nome_peca");
  await expect(page.getByRole("cell", { name: "Vestido de tricô" })).toBeVisible();

  // Keep GRUPO as an extra column instead of the category.
  await expect(page.getByLabel("Campo da coluna GRUPO")).toHaveValue("categoria");
  await page.getByLabel("Campo da coluna GRUPO").selectOption({ label: "Ignorar (guardar como extra)" });
  await expect(page.getByLabel("Campo da coluna GRUPO")).toHaveValue("");

  await page.getByRole("button", { name: "Importar", exact: true }).click();

  const result = page.getByRole("region", { name: "Resultado da importação" });
  await expect(result.getByText("Importação concluída.")).toBeVisible();
  await expect(result.getByTestId("result-Criados")).toHaveText("3");
  await expect(result.getByTestId("result-Atualizados")).toHaveText("0");

  const history = page.getByRole("region", { name: "Histórico de importações" });
  const row = history.getByTestId("import-history-row").filter({ hasText: `carteira-${run}.csv` });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Concluída");

  // The API sees the imported product, with GRUPO kept as an extra.
  const list = await page.request.get("/api/v1/carteira/imports?limit=5");
  const items = (await list.json()).items as { fileName: string; created: number }[];
  expect(items.find((i) => i.fileName === `carteira-${run}.csv`)?.created).toBe(3);
});

test("in English, a refused file's reason is shown in English (rendered from the API's code)", async ({ page }) => {
  await page.goto("/carteira");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
  await page.reload();
  // PNG bytes under a spreadsheet's name: the server answers 415 NOT_A_SPREADSHEET with a pt-BR message.
  await page.getByLabel("Carteira file").setInputFiles({
    name: `not-a-sheet-${run}.xlsx`,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  });
  await expect(page.getByRole("alert").filter({ hasText: "spreadsheet" })).toHaveText(
    "The file is not a spreadsheet (CSV, XLSX, XLS or ODS).",
  );
  await expect(page.getByText("não parece ser uma planilha")).toHaveCount(0);
});

test("a big carteira is queued, followed until done and imported with the default brand chosen", async ({ page }) => {
  await page.goto("/carteira");
  const origin = new URL(page.url()).origin;
  const brandName = `Marca Fila ${run}`;
  const brandResponse = await page.request.post("/api/v1/brands", { data: { name: brandName }, headers: { origin } });
  expect(brandResponse.status(), await brandResponse.text()).toBeLessThan(300);
  await page.reload(); // the brand list is server-rendered

  // Over 5,000 lines: the server queues the import (202) instead of running it in the request.
  const lines = ["REFERÊNCIA;DESCRIÇÃO", ...Array.from({ length: 5200 }, (_, i) => `FILA-${run}-${i};Peça ${i}`)];
  await page
    .getByLabel("Arquivo da carteira")
    .setInputFiles({ name: `fila-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n"), "utf8") });
  await expect(page.getByLabel("Campo da coluna REFERÊNCIA")).toHaveValue("sku");
  await page.getByLabel("Marca padrão").selectOption({ label: brandName });

  const posted = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/carteira/imports") && r.request().method() === "POST",
  );
  const polled = page.waitForResponse((r) => /\/api\/v1\/carteira\/imports\/[0-9a-f-]{36}$/.test(r.url()));
  await page.getByRole("button", { name: "Importar", exact: true }).click();
  expect((await posted).status()).toBe(202);
  expect((await polled).status()).toBe(200);

  const result = page.getByRole("region", { name: "Resultado da importação" });
  await expect(result.getByText("Importação concluída.")).toBeVisible({ timeout: 45_000 });
  await expect(result.getByTestId("result-Criados")).toHaveText("5.200");
  // The server-rendered history is refreshed once the queued import ends.
  const row = page
    .getByRole("region", { name: "Histórico de importações" })
    .getByTestId("import-history-row")
    .filter({ hasText: `fila-${run}.csv` });
  await expect(row).toContainText("Concluída");
  const product = await page.request.get(`/api/v1/products?sku=${encodeURIComponent(`FILA-${run}-0`)}`);
  expect(((await product.json()) as { items: { brandName: string | null }[] }).items).toEqual([
    expect.objectContaining({ brandName }),
  ]);
});

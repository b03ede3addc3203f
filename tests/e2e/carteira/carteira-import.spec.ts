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

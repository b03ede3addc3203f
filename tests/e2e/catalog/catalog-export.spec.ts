import { readFile } from "node:fs/promises";
import * as XLSX from "@e965/xlsx";
import { expect, test } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();

test("exports the catalog's current filter as XLSX from the Exportar menu; formula-like names stay text", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Export ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Export ${stamp}` });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Export ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const names = [`=HYPERLINK(1)${stamp}_01.jpg`, `+SOMA${stamp}_02.jpg`, `VD26-${stamp}; azul_03.jpg`];
  await uploadAndProcess(
    page,
    batch.id,
    await Promise.all(names.map(async (name, i) => [name, await productJpeg(900 + i, 80, 100)] as const)),
    "COMPLETED",
  );

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/catalogo?collectionId=${collection.id}`);
  await expect(page.getByTestId("catalog-card")).toHaveCount(3);
  const menu = page.getByTestId("export-menu");
  await menu.getByRole("button", { name: "Exportar" }).click();
  const panel = menu.getByRole("group", { name: "Exportar fotos" });
  // The size of the format chosen, from the export's first rows (GET /api/v1/export/filtered/estimate).
  await expect(panel.getByTestId("export-rows")).toHaveText(/^3 linhas · ≈ \d+(,\d)? (B|KB)$/);
  const csvSize = await panel.getByTestId("export-size").textContent();
  await panel.getByRole("radio", { name: "Planilha XLSX" }).check();
  await expect(panel.getByTestId("export-size")).not.toHaveText(csvSize!);
  await page.screenshot({ path: "test-results/screens/catalogo-export-1440.png" });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: "test-results/screens/catalogo-export-1024.png" });

  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Baixar" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^catalogo-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = XLSX.read(await readFile((await download.path())!), { type: "buffer", cellFormula: true });
  expect(workbook.SheetNames).toEqual(["Dados", "Resumo"]);
  const sheet = workbook.Sheets.Dados!;
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
  expect(rows.map((r) => r.arquivo).sort()).toEqual([...names].sort());
  expect(rows.every((r) => r.marca === `Marca Export ${stamp}`)).toBe(true);
  for (let row = 2; row <= 4; row++) {
    const cell = sheet[`A${row}`] as XLSX.CellObject;
    expect(cell.t).toBe("s");
    expect(cell.f).toBeUndefined();
  }
  // The export was recorded.
  const stats = (await (await page.request.get("/api/v1/export/statistics")).json()) as {
    by_format: Record<string, number>;
  };
  expect(stats.by_format.xlsx).toBeGreaterThanOrEqual(1);
});

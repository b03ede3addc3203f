import fs from "node:fs/promises";
import * as XLSX from "@e965/xlsx";
import { expect, test } from "@playwright/test";
import { ADMIN_STATE, postJson } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();

test('Relatórios downloads the filtered "SKUs sem foto" as a CSV for Excel', async ({ page }) => {
  await page.goto("/relatorios/cobertura");
  const post = (url: string, data: unknown) => postJson(page, url, data);
  const brand = await post("/api/v1/brands", { name: `Marca CSV ${stamp}` });
  const collection = await post("/api/v1/collections", { brandId: brand.id, name: `CSV ${stamp}` });
  await post("/api/v1/products", {
    sku: `CS${stamp}-01`,
    nomePeca: "Blusa; com ponto e vírgula",
    categoria: "Blusas",
    cor: "Preto",
    collectionId: collection.id,
  });

  await page.goto(`/relatorios/cobertura?collectionId=${collection.id}`);
  await expect(
    page.getByRole("table", { name: "SKUs sem foto" }).getByRole("link", { name: `CS${stamp}-01` }),
  ).toBeVisible();
  const menu = page.getByTestId("skus-sem-foto-export");
  await menu.getByRole("button", { name: "Exportar" }).click();
  // One SKU: the estimate's sample is the whole report, so the size shown is the file's.
  await expect(menu.getByTestId("export-rows")).toHaveText(/^1 linha · ≈ \d+ B$/);
  const shown = (await menu.getByTestId("export-size").textContent())!;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    menu.getByRole("link", { name: "Baixar" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^skus-sem-foto-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await fs.readFile((await download.path())!);
  expect(shown).toBe(` · ≈ ${bytes.length} B`);
  const text = bytes.toString("utf8");
  expect(text.startsWith("\uFEFF"), "a BOM so Excel reads UTF-8").toBe(true);
  const lines = text.slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("sku;nome_peca;categoria;subcategoria;tipo_peca;origem;cor;marca;colecao");
  expect(lines.slice(1)).toEqual([
    `CS${stamp}-01;"Blusa; com ponto e vírgula";Blusas;;;;Preto;Marca CSV ${stamp};CSV ${stamp}`,
  ]);
});

test("Relatórios exports the coverage per collection as XLSX", async ({ page }) => {
  await page.goto("/relatorios/cobertura");
  const post = (url: string, data: unknown) => postJson(page, url, data);
  const brand = await post("/api/v1/brands", { name: `Marca XLSX ${stamp}` });
  const collection = await post("/api/v1/collections", { brandId: brand.id, name: `=XLSX ${stamp}` });
  for (const n of ["01", "02"])
    await post("/api/v1/products", { sku: `CX${stamp}-${n}`, nomePeca: "Blusa", collectionId: collection.id });

  await page.goto(`/relatorios/cobertura?collectionId=${collection.id}`);
  const menu = page.getByTestId("coverage-export");
  await menu.getByRole("button", { name: "Exportar" }).click();
  await menu.getByRole("radio", { name: "Planilha XLSX" }).check();
  await expect(menu.getByTestId("export-rows")).toHaveText(/^1 linha · ≈ \d+(,\d)? KB$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    menu.getByRole("link", { name: "Baixar" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cobertura-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = XLSX.read(await fs.readFile((await download.path())!), { type: "buffer", cellFormula: true });
  const sheet = workbook.Sheets[workbook.SheetNames[0]!]!;
  expect(XLSX.utils.sheet_to_json(sheet)).toEqual([
    { marca: `Marca XLSX ${stamp}`, colecao: `=XLSX ${stamp}`, skus: 2, com_foto: 0, sem_foto: 2, percentual: 0 },
  ]);
  // A name that starts like a formula is a text cell, never a formula.
  const nameCell = sheet["B2"] as XLSX.CellObject;
  expect(nameCell.t).toBe("s");
  expect(nameCell.f).toBeUndefined();
});

import fs from "node:fs/promises";
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
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exportar CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^skus-sem-foto-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await fs.readFile((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFF"), "a BOM so Excel reads UTF-8").toBe(true);
  const lines = text.slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("sku;nome_peca;categoria;subcategoria;tipo_peca;origem;cor;marca;colecao");
  expect(lines.slice(1)).toEqual([
    `CS${stamp}-01;"Blusa; com ponto e vírgula";Blusas;;;;Preto;Marca CSV ${stamp};CSV ${stamp}`,
  ]);
});

import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { productJpeg, truncatedJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const SHOTS = process.env.METRICS_SHOTS_DIR;

test("Relatórios → Métricas shows a processed batch's figures in charts and tables and exports them as CSV", async ({
  page,
}) => {
  await page.goto("/relatorios");
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Métricas ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Métricas ${stamp}` });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Lote métricas ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  // Three photos that process, one that passes the magic-byte check and cannot be decoded.
  await uploadAndProcess(
    page,
    batch.id,
    [
      [`MT${stamp}-01_01.jpg`, await productJpeg(7101, 60, 75)],
      [`MT${stamp}-02_01.jpg`, await productJpeg(7102, 60, 75)],
      [`MT${stamp}-03_01.jpg`, await productJpeg(7103, 60, 75)],
      // Bytes of its own: the same truncated JPEG uploaded by another spec would be that spec's image (same sha256).
      [`MT${stamp}-04_01.jpg`, Buffer.concat([await truncatedJpeg(), Buffer.from(stamp)])],
    ],
    "COMPLETED_WITH_ERRORS",
  );

  // The filter form puts the batch in the URL.
  await page.goto("/relatorios");
  await expect(page.getByRole("heading", { level: 1, name: "Métricas" })).toBeVisible();
  await page.getByLabel("Lote", { exact: true }).selectOption(batch.id);
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(new RegExp(`batchId=${batch.id}`));
  await expect(page.getByTestId("metrics-total")).toHaveText("4 fotos com estes filtros");

  // Charts are named and their figures are written beside them (not colour alone).
  const processing = page.getByTestId("metrics-processingStatus");
  await expect(processing.getByRole("img", { name: "Gráfico: Processamento" })).toBeVisible();
  await expect(processing.getByRole("list").getByText("Pronta: 3 (75%)")).toBeVisible();
  await expect(processing.getByRole("list").getByText("Falhou: 1 (25%)")).toBeVisible();
  await expect(page.getByTestId("metrics-status").getByRole("list").getByText("Pendente: 4 (100%)")).toBeVisible();
  await expect(
    page.getByTestId("metrics-aiStatus").getByRole("list").getByText("Não analisada: 4 (100%)"),
  ).toBeVisible();

  const collections = page.getByTestId("metrics-collections");
  const chart = collections.getByRole("img", { name: "Gráfico: Fotos por coleção" });
  await expect(chart).toBeVisible();
  await expect(chart.getByText(`Métricas ${stamp}`, { exact: true })).toBeVisible();
  await collections.getByText("Ver como tabela").click();
  const row = collections.getByRole("table", { name: "Fotos por coleção" }).getByRole("row", {
    name: new RegExp(`Métricas ${stamp}`),
  });
  await expect(row.getByRole("cell")).toHaveText([
    `Métricas ${stamp}`,
    `Marca Métricas ${stamp}`,
    "4",
    "3",
    "1",
    "4",
    "0",
    "0",
    "0",
  ]);

  const failures = page.getByTestId("metrics-failures");
  await expect(failures.getByRole("img", { name: "Gráfico: Motivos de falha" })).toBeVisible();
  await failures.getByText("Ver como tabela").click();
  await expect(
    failures
      .getByRole("table", { name: "Motivos de falha" })
      .getByRole("row", { name: /Imagem corrompida ou incompleta/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("1");

  const days = page.getByTestId("metrics-days");
  await days.getByText("Ver como tabela").click();
  const today = new Intl.DateTimeFormat("pt-BR", { dateStyle: "short", timeZone: "UTC" }).format(new Date());
  await expect(
    days
      .getByRole("table", { name: "Fotos recebidas por dia" })
      .getByRole("row", { name: today })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("4");

  if (SHOTS) {
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/metrics-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // The collections table as CSV for Excel pt-BR, under the page's filter.
  await collections.getByRole("button", { name: "Exportar" }).click();
  // A one-row table is its whole estimate sample: the size shown is the file's, to the byte.
  await expect(collections.getByTestId("export-rows")).toHaveText(/^1 linha · ≈ \d+ B$/);
  const shown = (await collections.getByTestId("export-size").textContent())!;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    collections.getByRole("link", { name: "Baixar" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^metricas-colecoes-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await fs.readFile((await download.path())!);
  expect(shown).toBe(` · ≈ ${bytes.length} B`);
  const text = bytes.toString("utf8");
  expect(text.startsWith("\uFEFF"), "a BOM so Excel reads UTF-8").toBe(true);
  expect(text.slice(1).split("\r\n")).toEqual([
    "colecao;marca;fotos;prontas;falharam;pendente;aprovado;rejeitado;pendente_analise_ia",
    `Métricas ${stamp};Marca Métricas ${stamp};4;3;1;4;0;0;0`,
    "",
  ]);
});

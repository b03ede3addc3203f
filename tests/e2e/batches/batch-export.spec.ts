import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { unzip } from "../../support/unzip";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const SHOTS = process.env.SHOTS_DIR ?? "test-results/screens";
// Distinct pixels per run, so no photo is a duplicate of another spec's.
const seedBase = 20_000 + (Date.now() % 10_000) * 8;

/** A CSV export (UTF-8 BOM, `;`) as rows of cells; the names here have no quote, `;` or newline. */
function csvRows(bytes: Buffer): Record<string, string>[] {
  const text = bytes.toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...lines] = text.slice(1).split(/\r?\n/).filter(Boolean);
  const columns = header!.split(";");
  return lines.map((line) => Object.fromEntries(line.split(";").map((cell, i) => [columns[i], cell])));
}

async function processedBatch(page: Page, name: string, files: string[], seed: number) {
  const batch = await postJson<{ id: string; name: string }>(page, "/api/v1/batches", { name });
  await uploadAndProcess(
    page,
    batch.id,
    await Promise.all(files.map(async (file, i) => [file, await productJpeg(seed + i, 60, 80)] as const)),
    "COMPLETED",
  );
  return batch;
}

test("Lotes: select two processed batches, export them as one ZIP with one CSV per batch", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/lotes");
  const filesA = [`EXPA${stamp}_01.jpg`, `EXPA${stamp}_02.jpg`];
  const filesB = [`EXPB${stamp}_01.jpg`, `EXPB${stamp}_02.jpg`, `EXPB${stamp}_03.jpg`];
  const a = await processedBatch(page, `Export A ${stamp}`, filesA, seedBase);
  const b = await processedBatch(page, `Export B ${stamp}`, filesB, seedBase + 4);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/lotes");
  const cardA = page.locator(`[data-testid="batch-card"][data-batch-id="${a.id}"]`);
  const cardB = page.locator(`[data-testid="batch-card"][data-batch-id="${b.id}"]`);
  await expect(page.getByTestId("batches-export-bar")).toHaveCount(0);
  await cardA.getByRole("checkbox", { name: `Selecionar o lote ${a.name} para exportar` }).check();
  await cardB.getByRole("checkbox", { name: `Selecionar o lote ${b.name} para exportar` }).check();
  const bar = page.getByRole("region", { name: "Lotes selecionados" });
  await expect(bar).toContainText("2 lotes selecionados");
  await expect(bar.getByRole("combobox", { name: "Formato" })).toHaveValue("csv");
  await page.screenshot({ path: `${SHOTS}/lotes-selection-1440.png` });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `${SHOTS}/lotes-selection-1024.png` });

  const downloading = page.waitForEvent("download");
  await bar.getByRole("link", { name: "Exportar 2 lotes (ZIP)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^lotes-2-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = await unzip(await readFile((await download.path())!));
  expect([...entries.keys()].sort()).toEqual([`${a.name}.csv`, `${b.name}.csv`].sort());
  const rowsA = csvRows(entries.get(`${a.name}.csv`)!);
  const rowsB = csvRows(entries.get(`${b.name}.csv`)!);
  expect(rowsA.map((r) => r.arquivo).sort()).toEqual(filesA);
  expect(rowsB.map((r) => r.arquivo).sort()).toEqual(filesB);
  expect([...rowsA, ...rowsB].every((r) => r.resultado === "sucesso")).toBe(true);

  // The same ZIP as an export job: its link once the worker has written it.
  await bar.getByRole("button", { name: "Em segundo plano…" }).click();
  await bar.getByRole("button", { name: "Gerar em segundo plano" }).click();
  const jobLink = bar.getByRole("link", { name: `Baixar arquivo (${filesA.length + filesB.length} linhas)` });
  await expect(jobLink).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/lotes-selection-job-1024.png` });
  const jobDownloading = page.waitForEvent("download");
  await jobLink.click();
  const jobEntries = await unzip(await readFile((await (await jobDownloading).path())!));
  expect([...jobEntries.keys()].sort()).toEqual([`${a.name}.csv`, `${b.name}.csv`].sort());

  // Clearing the selection hides the bar.
  await bar.getByRole("button", { name: "Limpar seleção" }).click();
  await expect(page.getByTestId("batches-export-bar")).toHaveCount(0);
});

test("Batch page: Exportar shows the rows and size estimate, and downloads the batch's CSV", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/lotes");
  const files = [`EXPC${stamp}_01.jpg`, `EXPC${stamp}_02.jpg`];
  const batch = await processedBatch(page, `Export C ${stamp}`, files, seedBase + 7);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/lotes/${batch.id}`);
  const menu = page.getByTestId("batch-export-menu");
  await menu.getByRole("button", { name: "Exportar" }).click();
  const panel = menu.getByRole("group", { name: "Exportar fotos" });
  await expect(panel.getByTestId("export-rows")).toContainText("2 linhas");
  await expect(panel.getByTestId("export-size")).toHaveText(/≈ \d+(,\d)? (B|KB)/);
  await panel.getByRole("radio", { name: "Só as falhas" }).check();
  await expect(panel.getByTestId("export-rows")).toHaveText("0 linhas · ≈ 0 B");
  await panel.getByRole("radio", { name: "Todos os itens" }).check();
  await page.screenshot({ path: `${SHOTS}/batch-export-menu-1440.png` });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `${SHOTS}/batch-export-menu-1024.png` });

  const downloading = page.waitForEvent("download");
  await panel.getByRole("link", { name: "Baixar" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^lote-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csvRows(await readFile((await download.path())!));
  expect(rows.map((r) => r.arquivo).sort()).toEqual(files);
  expect(rows.every((r) => r.resultado === "sucesso" && r.origem_item === "arquivo")).toBe(true);
});

test("Batch page: a batch of EXPORT_JOB_MIN_ROWS rows (5 in e2e) is generated in the background, then downloaded", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/lotes");
  const files = Array.from({ length: 5 }, (_, i) => `EXPD${stamp}_0${i + 1}.jpg`);
  const batch = await processedBatch(page, `Export D ${stamp}`, files, seedBase + 10);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/lotes/${batch.id}`);
  const menu = page.getByTestId("batch-export-menu");
  await menu.getByRole("button", { name: "Exportar" }).click();
  const panel = menu.getByRole("group", { name: "Exportar fotos" });
  await expect(panel.getByTestId("export-rows")).toContainText("5 linhas");
  // Under the threshold no job is offered: only the "só as falhas" view (0 rows) shows it so.
  await panel.getByRole("radio", { name: "Só as falhas" }).check();
  await expect(panel.getByTestId("export-job")).toHaveCount(0);
  await panel.getByRole("radio", { name: "Todos os itens" }).check();
  const job = panel.getByTestId("export-job");
  // A 5-row job is written before a poll can see it run: the first poll's answer is the server's,
  // rewritten to a job half-way, so the progress bar is seen; the next polls pass as they are.
  let polls = 0;
  await page.route(/\/api\/v1\/export\/jobs\/[0-9a-f-]{36}$/, async (route) => {
    const response = await route.fetch();
    if (polls++ > 0) return route.fulfill({ response });
    const real = (await response.json()) as Record<string, unknown>;
    const running = { ...real, status: "RUNNING", rows: 2, total_rows: 5, progress: 40, download_url: null };
    // A running job's polling interval (the real answer, already done, says 60 s).
    const headers = { ...response.headers(), "x-polling-interval": "1" };
    return route.fulfill({ response, json: running, headers });
  });
  await job.getByRole("button", { name: "Gerar em segundo plano" }).click();
  const bar = job.getByRole("progressbar", { name: "Progresso da exportação" });
  await expect(bar).toHaveAttribute("aria-valuenow", "40");
  await expect(job.getByRole("status")).toHaveText("2 de 5 linhas (40%)");
  const link = job.getByRole("link", { name: "Baixar arquivo (5 linhas)" });
  await expect(link).toBeVisible({ timeout: 30_000 });
  await expect(link).toHaveAttribute("href", /^\/api\/v1\/export\/jobs\/[0-9a-f-]{36}\/download$/);
  await expect(bar).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/batch-export-job-1440.png` });

  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^exportacao-batch-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csvRows(await readFile((await download.path())!));
  expect(rows.map((r) => r.arquivo).sort()).toEqual(files);
  // The job is listed as the asker's.
  const list = (await (await page.request.get("/api/v1/export/jobs")).json()) as {
    items: { status: string; rows: number }[];
  };
  expect(list.items[0]).toMatchObject({ status: "DONE", rows: 5 });
});

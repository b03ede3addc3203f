import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { writeProductFolder } from "../../fixtures/images/build-images";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const A = {
  name: `Verão ${stamp}`,
  brand: `Marca A ${stamp}`,
  collection: `Verão 25 ${stamp}`,
  folder: "VERAO25",
  prefix: "VD24",
  corrupt: "VD24-0099_FRENTE.jpg",
};
const B = {
  name: `Inverno ${stamp}`,
  brand: `Marca B ${stamp}`,
  collection: `Inverno 25 ${stamp}`,
  folder: "INVERNO25",
  prefix: "IN25",
};
const SKUS = 3; // × 2 angles
let root = "";
const dirs: Record<string, string> = {};

test.beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "vitrine-e2e-batches-"));
  dirs.A = (
    await writeProductFolder({
      root,
      folder: A.folder,
      skuPrefix: A.prefix,
      skuStart: 1,
      skuCount: SKUS,
      corruptName: A.corrupt,
    })
  ).dir;
  // Not an image: refused in the browser with its reason, never sent.
  await fs.writeFile(path.join(dirs.A, "LEIA-ME.txt"), "fotos do estúdio");
  dirs.B = (
    await writeProductFolder({ root, folder: B.folder, skuPrefix: B.prefix, skuStart: 51, skuCount: SKUS })
  ).dir;
});

test.afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

async function createBatch(page: Page, spec: { name: string; brand: string; collection: string }): Promise<Locator> {
  await page.getByRole("button", { name: "Novo lote" }).first().click();
  const form = page.getByTestId("new-batch-form").first();
  await form.getByLabel("Nome do lote").fill(spec.name);

  await form.getByLabel("Marca", { exact: true }).selectOption({ label: "+ Nova marca" });
  await form.getByLabel("Nome da nova marca").fill(spec.brand);
  await form.getByRole("button", { name: "Criar marca" }).click();
  await expect(form.getByLabel("Marca", { exact: true }).locator("option:checked")).toHaveText(spec.brand);

  await form.getByLabel("Coleção", { exact: true }).selectOption({ label: "+ Nova coleção" });
  await form.getByLabel("Nome da nova coleção").fill(spec.collection);
  await form.getByRole("button", { name: "Criar coleção" }).click();
  await expect(form.getByLabel("Coleção", { exact: true }).locator("option:checked")).toHaveText(spec.collection);

  await form.getByRole("button", { name: "Criar lote" }).click();
  const card = batchCard(page, spec.name);
  await expect(card).toBeVisible();
  await expect(card).toContainText(`${spec.brand} · ${spec.collection}`);
  return card;
}

const batchCard = (page: Page, name: string) =>
  page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

test("uploads two folders into two batches, processes all, and reprocesses the corrupt photo", async ({ page }) => {
  await page.goto("/lotes");
  await expect(page.getByRole("heading", { level: 1, name: "Lotes" })).toBeVisible();

  const cardA = await createBatch(page, A);
  const cardB = await createBatch(page, B);
  const filesA = SKUS * 2 + 1;
  const filesB = SKUS * 2;

  await cardA.getByTestId("folder-input").setInputFiles(dirs.A!);
  await cardB.getByTestId("folder-input").setInputFiles(dirs.B!);
  // Nothing is sent before the dry run is answered (tests/e2e/batches/dry-run.spec.ts covers the panel).
  await cardA.getByTestId("dry-run-panel").getByRole("button", { name: "Enviar tudo" }).click();
  await cardB.getByTestId("dry-run-panel").getByRole("button", { name: "Enviar tudo" }).click();
  await expect(cardA.getByTestId("upload-progress")).toContainText(`${filesA} de ${filesA} arquivos`);
  await expect(cardB.getByTestId("upload-progress")).toContainText(`${filesB} de ${filesB} arquivos`);

  // The refused file opens the list filtered to problems, with the reason in pt-BR.
  const refused = cardA.getByTestId("upload-row").filter({ hasText: `${A.folder}/LEIA-ME.txt` });
  await expect(refused).toHaveAttribute("data-status", "rejected");
  await expect(refused).toContainText("Tipo de arquivo não suportado");
  // The folder structure travels with each file.
  await cardA.getByLabel("Só problemas").uncheck();
  await expect(
    cardA.getByTestId("upload-row").filter({ hasText: `${A.folder}/${A.prefix}-0001/${A.prefix}-0001_FRENTE.jpg` }),
  ).toHaveAttribute("data-status", "stored");

  // After a reload, dropping the same folder again sends nothing: the server already has every file.
  await page.reload();
  await batchCard(page, B.name).getByTestId("folder-input").setInputFiles(dirs.B!);
  await expect(batchCard(page, B.name).getByRole("status")).toHaveText(`Nenhum arquivo novo, ${filesB} já enviados.`);

  const processAll = page.getByRole("button", { name: "Processar Todos" });
  await expect(processAll).toBeEnabled();
  await processAll.click();
  await expect(page.getByText(/lotes? enviados? para processamento/)).toBeVisible();

  await expect(batchCard(page, B.name).getByTestId("batch-status")).toHaveText("concluído", { timeout: 30_000 });
  await expect(batchCard(page, A.name).getByTestId("batch-status")).toHaveText("concluído com falhas", {
    timeout: 30_000,
  });
  await expect(batchCard(page, A.name).getByTestId("processing-counts")).toContainText(
    `${filesA - 1} de ${filesA} processadas · 1 falha`,
  );

  await batchCard(page, A.name)
    .getByRole("link", { name: /Ver detalhes/ })
    .click();
  await expect(page).toHaveURL(/\/lotes\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: A.name })).toBeVisible();
  await expect(page.getByTestId("batch-status")).toHaveText("concluído com falhas");

  const cards = page.getByTestId("image-card");
  await expect(cards).toHaveCount(filesA);
  await expect(page.getByTestId("image-card").filter({ hasText: `${A.prefix}-0002 · COSTAS` })).toHaveAttribute(
    "data-status",
    "READY",
  );
  // Every ready thumbnail is a decoded JPEG.
  await expect
    .poll(() =>
      page
        .locator('[data-testid="image-card"] img')
        .evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length),
    )
    .toBe(filesA - 1);

  const corrupt = cards.filter({ hasText: A.corrupt });
  await expect(corrupt).toHaveAttribute("data-status", "FAILED");
  const reason = (await corrupt.getByTestId("image-error").textContent())?.trim() ?? "";
  expect(reason.length).toBeGreaterThan(0);

  // The radios are visually hidden inside their pill labels: click the label, as a user does.
  await page
    .locator("label")
    .filter({ has: page.getByRole("radio", { name: "Falhas" }) })
    .click();
  await expect(page.getByRole("radio", { name: "Falhas" })).toBeChecked();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(A.corrupt);

  const reprocess = page.getByRole("button", { name: "Reprocessar falhas" });
  await expect(reprocess).toBeEnabled();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/reprocess") && r.request().method() === "POST"),
    reprocess.click(),
  ]);
  expect(response.status()).toBe(200);
  await expect(page.getByTestId("batch-status")).toHaveText("concluído com falhas", { timeout: 20_000 });
  await expect(cards.first()).toHaveAttribute("data-status", "FAILED");
  await expect(cards.first().getByTestId("image-error")).toHaveText(reason);
});

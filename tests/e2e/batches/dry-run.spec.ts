import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const PREFIX = `DR${String(Date.now() % 100_000).padStart(5, "0")}`;
const sku = (n: number) => `${PREFIX}-${String(n).padStart(4, "0")}`;
const SHOTS = process.env.E2E_SHOTS_DIR ?? "test-results/screens";
let root = "";
let folder = "";

// 3 SKUs get photos, SKU 4 gets none; "XY12_01" fits both XY-12 and XY12; two camera names match nothing.
const KNOWN = [`${sku(1)}_FRENTE.jpg`, `${sku(1)}_COSTAS.jpg`, `${sku(2)}_FRENTE.jpg`, `${sku(3)}/01.jpg`];
const AMBIGUOUS = [`${PREFIX.toLowerCase()}xy12_01.jpg`];
const UNKNOWN = ["IMG_4567.jpg", "DSC_0001.jpg"];

test.beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "vitrine-e2e-dry-run-"));
  folder = path.join(root, "VERAO-DRY");
  let seed = 700;
  for (const name of [...KNOWN, ...AMBIGUOUS, ...UNKNOWN]) {
    const file = path.join(folder, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, await productJpeg(seed++, 60, 80));
  }
});

test.afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

test("a dropped folder shows the dry run before any byte is sent; removing the unknown files sends only the known ones", async ({
  page,
}) => {
  await page.goto("/lotes");
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Simulação ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Simulação ${stamp}` });
  for (const s of [sku(1), sku(2), sku(3), sku(4), `${PREFIX}XY-12`, `${PREFIX}XY12`])
    await postJson(page, "/api/v1/products", { sku: s, collectionId: collection.id, brandId: brand.id });
  const name = `Lote simulação ${stamp}`;
  const batch = await postJson(page, "/api/v1/batches", { name, brandId: brand.id, collectionId: collection.id });
  await page.reload();

  // The files the server received, one per result of each upload request (the queue sends several
  // small files a request; Chromium does not expose a file body to the page's request events).
  const uploads: string[] = [];
  page.on("response", async (r) => {
    if (r.request().method() !== "POST" || !r.url().endsWith(`/batches/${batch.id}/files`)) return;
    const { results } = (await r.json()) as { results: { uploadId: string }[] };
    uploads.push(...results.map((result) => result.uploadId));
  });
  const card = page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await card.getByTestId("folder-input").setInputFiles(folder);

  const panel = card.getByTestId("dry-run-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("heading", { name: /Simulação do envio/ })).toBeFocused();
  await expect(panel.getByTestId("dry-run-linked")).toHaveAttribute("data-count", String(KNOWN.length));
  await expect(panel.getByTestId("dry-run-ambiguous")).toHaveAttribute("data-count", "1");
  await expect(panel.getByTestId("dry-run-unknown")).toHaveAttribute("data-count", String(UNKNOWN.length));
  await expect(panel.getByTestId("dry-run-in_bank")).toHaveAttribute("data-count", "0");
  await expect(panel).toContainText(
    `Nada foi enviado ainda. Veja o que acontecerá com os ${KNOWN.length + 3} arquivos`,
  );
  // SKU 4 and the two XY SKUs keep no photo (the ambiguous file links to neither).
  await expect(panel.getByTestId("dry-run-without-photo")).toContainText(
    "3 SKUs da coleção continuariam sem foto (hoje: 6).",
  );
  // The lists open on demand: the unknown names, the SKU each known one links to, the SKUs left without photo.
  await panel.getByTestId("dry-run-unknown").getByText("Mostrar lista").click();
  await expect(panel.getByTestId("dry-run-unknown")).toContainText("VERAO-DRY/IMG_4567.jpg");
  await panel.getByTestId("dry-run-linked").getByText("Mostrar lista").click();
  await expect(panel.getByTestId("dry-run-linked")).toContainText(`VERAO-DRY/${sku(3)}/01.jpg → ${sku(3)}`);
  await panel.getByText("SKUs que continuariam sem foto").click();
  await expect(panel.getByTestId("dry-run-without-photo").getByRole("listitem")).toHaveText([
    sku(4),
    `${PREFIX}XY-12`,
    `${PREFIX}XY12`,
  ]);
  expect(uploads).toHaveLength(0);

  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1000 });
    await panel.screenshot({ path: path.join(SHOTS, `dry-run-panel-${width}.png`) });
    await page.screenshot({ path: path.join(SHOTS, `dry-run-page-${width}.png`), fullPage: true });
  }

  await panel.getByRole("button", { name: "Remover desconhecidos e enviar" }).click();
  await expect(panel).toHaveCount(0);
  const sent = KNOWN.length + AMBIGUOUS.length;
  await expect(card.getByTestId("upload-progress")).toContainText(`${sent} de ${sent} arquivos`);
  await expect.poll(() => uploads.length).toBe(sent);
  const detail = await (await page.request.get(`/api/v1/batches/${batch.id}`)).json();
  expect(detail.counts.total).toBe(sent);
  const images = await (await page.request.get(`/api/v1/images?batchId=${batch.id}&limit=50`)).json();
  const names = (images.items as Array<{ originalName: string }>).map((i) => i.originalName).sort();
  expect(names).toEqual(["01.jpg", ...[...KNOWN.slice(0, 3), ...AMBIGUOUS]].sort());

  // Dropped again: everything known is on the server and nothing is sent; the unknown files are asked about again.
  await card.getByTestId("folder-input").setInputFiles(folder);
  await expect(panel.getByTestId("dry-run-unknown")).toHaveAttribute("data-count", String(UNKNOWN.length));
  await expect(panel.getByTestId("dry-run-other")).toContainText(`Já enviados a este lote: ${sent}`);
  await panel.getByRole("button", { name: "Cancelar" }).click();
  await expect(card.getByTestId("upload-notice")).toHaveText("Envio cancelado; nenhum arquivo foi enviado.");
  expect(uploads).toHaveLength(sent);
});

test("a file already in the bank under another name is found by its content (sha256 hashed in a Web Worker)", async ({
  page,
}) => {
  await page.goto("/lotes");
  const bytes = await productJpeg(7901, 64, 88);
  // The bank holds these bytes as an upload of another batch.
  const other = await postJson(page, "/api/v1/batches", { name: `Lote origem conteúdo ${stamp}` });
  const origin = new URL(page.url()).origin;
  const stored = await page.request.post(`/api/v1/batches/${other.id}/files`, {
    headers: { origin },
    multipart: { file: { name: `ORIGEM-${stamp}.jpg`, mimeType: "image/jpeg", buffer: bytes } },
  });
  expect(stored.status(), await stored.text()).toBe(200);

  const dir = path.join(root, "CONTEUDO");
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, `renomeada-${stamp}.jpg`), bytes);
  await fs.writeFile(path.join(dir, `nova-${stamp}.jpg`), await productJpeg(7902, 64, 88));
  const name = `Lote conteúdo ${stamp}`;
  await postJson(page, "/api/v1/batches", { name });
  await page.reload();
  const card = page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await card.getByTestId("folder-input").setInputFiles(dir);

  const panel = card.getByTestId("dry-run-panel");
  await expect(panel.getByTestId("dry-run-content")).toHaveAttribute("data-done", "true");
  await expect(panel.getByTestId("dry-run-content")).toHaveText("Conteúdo de 2 de 2 arquivos comparado com o banco.");
  await expect(panel.getByTestId("dry-run-in_bank")).toHaveAttribute("data-count", "1");
  await expect(panel.getByTestId("dry-run-unknown")).toHaveAttribute("data-count", "1");
  await panel.getByTestId("dry-run-in_bank").getByText("Mostrar lista").click();
  await expect(panel.getByTestId("dry-run-in_bank")).toContainText(
    `CONTEUDO/renomeada-${stamp}.jpg já no banco · mesmo conteúdo`,
  );
  await panel.getByRole("button", { name: "Cancelar" }).click();
});

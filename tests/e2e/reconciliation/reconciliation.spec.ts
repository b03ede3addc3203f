import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import iconv from "iconv-lite";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const BRAND = `Marca Conc ${stamp}`;
const COLLECTION = `Conciliação ${stamp}`;
const FILES = { matching: "VD24-0001_FRENTE.jpg", ambiguous: "ab12_01.jpg", unknown: "ZZ77-0001_FRENTE.jpg" };

async function post(page: Page, url: string, data: unknown) {
  const response = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

async function uploadAndProcess(
  page: Page,
  request: APIRequestContext,
  ids: { brandId: string; collectionId: string },
) {
  const origin = new URL(page.url()).origin;
  const batch = await post(page, "/api/v1/batches", { name: `Lote ${stamp}`, ...ids });
  let seed = 1;
  for (const name of Object.values(FILES)) {
    const response = await request.post(`/api/v1/batches/${batch.id}/files`, {
      headers: { origin },
      multipart: { files: { name, mimeType: "image/jpeg", buffer: await productJpeg(seed++, 120, 150) } },
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
  }
  await post(page, `/api/v1/batches/${batch.id}/start`, {});
  await expect
    .poll(
      async () => {
        const progress = (await (await request.get(`/api/v1/batches/${batch.id}/progress`)).json()) as {
          total: number;
          processed: number;
          failed: number;
        };
        return progress.processed + progress.failed === progress.total && progress.total === 3;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** Imports a carteira (`;`, Windows-1252, a title row) through the Carteira page and its preview. */
async function importCarteiraViaUi(page: Page, fileName: string, skus: string[]) {
  const csv = [
    "CARTEIRA DE COMPRAS",
    "",
    "REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO;COR",
    ...skus.map((sku, i) => `${sku};Peça ${i + 1} ação;${BRAND};${COLLECTION};Azul`),
  ].join("\r\n");
  await page.goto("/carteira");
  await page
    .getByLabel("Arquivo da carteira")
    .setInputFiles({ name: fileName, mimeType: "text/csv", buffer: iconv.encode(csv, "win1252") });
  await expect(page.getByLabel("Campo da coluna REFERÊNCIA")).toHaveValue("sku");
  await page.getByRole("button", { name: "Importar", exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Resultado da importação" }).getByText("Importação concluída."),
  ).toBeVisible();
}

async function coverageRow(page: Page) {
  await page.goto("/");
  return page.getByTestId("coverage-card").getByRole("listitem").filter({ hasText: COLLECTION });
}

test("resolves an ambiguous photo by keyboard, reconciles a new SKU and moves the coverage card", async ({ page }) => {
  // The carteira creates the brand, the collection and three SKUs (two of them look alike).
  await importCarteiraViaUi(page, `carteira-1-${stamp}.csv`, ["VD24-0001", "AB-12", "AB12"]);
  const collections = (await (await page.request.get("/api/v1/collections")).json()).items as {
    id: string;
    name: string;
    brandId: string;
  }[];
  const collection = collections.find((c) => c.name === COLLECTION)!;
  const brand = { id: collection.brandId };
  await uploadAndProcess(page, page.request, { brandId: brand.id, collectionId: collection.id });

  await expect(await coverageRow(page)).toContainText("33% · 1 de 3 SKUs");

  // Conciliação: the ambiguous photo comes first; its top candidate is accepted with Enter.
  await page.goto(`/conciliacao?collectionId=${collection.id}`);
  const queue = page.getByRole("list", { name: "Fotos aguardando decisão" });
  await expect(queue.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("current-filename")).toHaveText(FILES.ambiguous);
  const firstCandidate = page.getByRole("button", { name: /^1\. Escolher AB-12/ });
  await expect(firstCandidate).toBeVisible();
  await expect(page.getByRole("button", { name: /^2\. Escolher AB12/ })).toBeVisible();
  await queue.getByRole("listitem", { name: FILES.ambiguous }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reconciliation-announcer")).toContainText(`${FILES.ambiguous} vinculada a AB-12`);
  // The list advanced to the unknown photo, which has no candidate yet.
  await expect(page.getByTestId("current-filename")).toHaveText(FILES.unknown);
  await expect(queue.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("Nenhum candidato. Busque um SKU com /.")).toBeVisible();

  // `/` focuses the SKU search (any SKU); Escape goes back to the list.
  await page.keyboard.press("/");
  await expect(page.getByLabel("Buscar qualquer SKU")).toBeFocused();
  await page.keyboard.press("Escape");
  // Enter with nothing to accept says why nothing happened.
  await page.keyboard.press("Enter");
  await expect(
    page.getByText("Nenhum candidato para aceitar: busque um SKU (/) ou marque como sem SKU (n)."),
  ).toBeVisible();

  await expect(await coverageRow(page)).toContainText("66% · 2 de 3 SKUs");

  // A second carteira adds the missing SKU; "Reconciliar" links the unknown photo.
  await importCarteiraViaUi(page, `carteira-2-${stamp}.csv`, ["ZZ77-0001"]);
  await expect(await coverageRow(page)).toContainText("50% · 2 de 4 SKUs");
  await page.goto(`/conciliacao?collectionId=${collection.id}`);
  await page.getByRole("button", { name: "Reconciliar" }).click();
  await expect(page.getByText(/Conciliação concluída: 1 fotos verificadas — 1 vinculadas agora/)).toBeVisible();
  await expect(page.getByText("Nenhuma foto aguardando decisão. Tudo conciliado!")).toBeVisible();

  await expect(await coverageRow(page)).toContainText("75% · 3 de 4 SKUs");
});

test("ranks the look-alike SKU first and says why", async ({ page }) => {
  const suffix = `${stamp}t`;
  const skus = [`TY${suffix}-1005`, `TY${suffix}-1015`, `TY${suffix}-1050`];
  const csv = ["REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO", ...skus.map((sku) => `${sku};Peça;${BRAND};${COLLECTION} T`)].join(
    "\r\n",
  );
  await page.goto("/carteira");
  await page
    .getByLabel("Arquivo da carteira")
    .setInputFiles({ name: `carteira-t-${stamp}.csv`, mimeType: "text/csv", buffer: iconv.encode(csv, "win1252") });
  await expect(page.getByLabel("Campo da coluna REFERÊNCIA")).toHaveValue("sku");
  await page.getByRole("button", { name: "Importar", exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Resultado da importação" }).getByText("Importação concluída."),
  ).toBeVisible();
  const collections = (await (await page.request.get("/api/v1/collections")).json()).items as {
    id: string;
    name: string;
    brandId: string;
  }[];
  const collection = collections.find((c) => c.name === `${COLLECTION} T`)!;

  const origin = new URL(page.url()).origin;
  const batch = await post(page, "/api/v1/batches", {
    name: `Lote T ${stamp}`,
    brandId: collection.brandId,
    collectionId: collection.id,
  });
  const fileName = `TY${suffix}-10O5_01.jpg`; // a letter O where the SKU has a zero
  const upload = await page.request.post(`/api/v1/batches/${batch.id}/files`, {
    headers: { origin },
    multipart: { files: { name: fileName, mimeType: "image/jpeg", buffer: await productJpeg(9, 120, 150) } },
  });
  expect(upload.status(), await upload.text()).toBeLessThan(300);
  await post(page, `/api/v1/batches/${batch.id}/start`, {});
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/api/v1/batches/${batch.id}/progress`)).json()) as { processed: number })
          .processed,
      { timeout: 60_000 },
    )
    .toBe(1);

  await page.goto(`/conciliacao?collectionId=${collection.id}`);
  await expect(page.getByTestId("current-filename")).toHaveText(fileName);
  const first = page.getByRole("button", { name: new RegExp(`^1\\. Escolher TY${suffix}-1005 `) });
  await expect(first).toContainText("Provável erro de digitação: O→0");
  await expect(page.getByRole("button", { name: new RegExp(`^2\\. Escolher TY${suffix}-1015 `) })).toBeVisible();
  // A clear best: the look-alike scores well above the plain one-character difference.
  const scores = await page
    .getByRole("button", { name: /Escolher/ })
    .evaluateAll((buttons) => buttons.map((b) => Number(/— (\d+)%$/.exec(b.getAttribute("aria-label") ?? "")?.[1])));
  expect(scores[0]! - scores[1]!).toBeGreaterThanOrEqual(10);
});

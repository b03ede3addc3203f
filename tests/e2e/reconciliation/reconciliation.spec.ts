import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import iconv from "iconv-lite";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);
const BRAND = `Marca Conc ${stamp}`;
const COLLECTION = `Conciliação ${stamp}`;
const FILES = { matching: "VD24-0001_FRENTE.jpg", ambiguous: "ab12_01.jpg", unknown: "ZZ77-0001_FRENTE.jpg" };

const post = postJson;

async function uploadSampleBatch(
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
/** Carteira lines with a title row and a blank line above the header, as purchase teams export it. */
const titledCarteira = (skus: string[]) => [
  "CARTEIRA DE COMPRAS",
  "",
  "REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO;COR",
  ...skus.map((sku, i) => `${sku};Peça ${i + 1} ação;${BRAND};${COLLECTION};Azul`),
];

/**
 * Imports a carteira CSV (Windows-1252) through the Carteira page and its preview, and answers the
 * collection it created.
 */
async function importCarteiraViaUi(page: Page, fileName: string, csvLines: string[], collectionName: string) {
  await page.goto("/carteira");
  await page.getByLabel("Arquivo da carteira").setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: iconv.encode(csvLines.join("\r\n"), "win1252"),
  });
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
  return collections.find((c) => c.name === collectionName)!;
}

/**
 * The collection's coverage in the report filtered to it, after the dashboard and its card: the card
 * lists only the six lowest collections, and the other specs add collections of their own.
 */
async function expectCoverage(
  page: Page,
  collectionId: string,
  percentText: string,
  [withPhoto, total]: [number, number],
) {
  await page.goto("/");
  await expect(page.getByTestId("coverage-card")).toBeVisible();
  await page.goto(`/relatorios/cobertura?collectionId=${collectionId}`);
  const row = page.getByRole("row").filter({ hasText: COLLECTION });
  const cells = row.getByRole("cell");
  await expect(cells.nth(2)).toHaveText(String(total));
  await expect(cells.nth(3)).toHaveText(String(withPhoto));
  await expect(cells.nth(5)).toContainText(percentText);
}

test("resolves an ambiguous photo by keyboard, reconciles a new SKU and moves the coverage card", async ({ page }) => {
  // The carteira creates the brand, the collection and three SKUs (two of them look alike).
  const collection = await importCarteiraViaUi(
    page,
    `carteira-1-${stamp}.csv`,
    titledCarteira(["VD24-0001", "AB-12", "AB12"]),
    COLLECTION,
  );
  const brand = { id: collection.brandId };
  await uploadSampleBatch(page, page.request, { brandId: brand.id, collectionId: collection.id });

  await expectCoverage(page, collection.id, "33%", [1, 3]);

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

  await expectCoverage(page, collection.id, "66%", [2, 3]);

  // A second carteira adds the missing SKU; "Reconciliar" links the unknown photo.
  await importCarteiraViaUi(page, `carteira-2-${stamp}.csv`, titledCarteira(["ZZ77-0001"]), COLLECTION);
  await expectCoverage(page, collection.id, "50%", [2, 4]);
  await page.goto(`/conciliacao?collectionId=${collection.id}`);
  await page.getByRole("button", { name: "Reconciliar" }).click();
  await expect(page.getByText(/Conciliação concluída: 1 fotos verificadas — 1 vinculadas agora/)).toBeVisible();
  await expect(page.getByText("Nenhuma foto aguardando decisão. Tudo conciliado!")).toBeVisible();

  await expectCoverage(page, collection.id, "75%", [3, 4]);
});

test("ranks the look-alike SKU first and says why", async ({ page }) => {
  const suffix = `${stamp}t`;
  const skus = [`TY${suffix}-1005`, `TY${suffix}-1015`, `TY${suffix}-1050`];
  const csv = ["REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO", ...skus.map((sku) => `${sku};Peça;${BRAND};${COLLECTION} T`)];
  const collection = await importCarteiraViaUi(page, `carteira-t-${stamp}.csv`, csv, `${COLLECTION} T`);

  const batch = await post(page, "/api/v1/batches", {
    name: `Lote T ${stamp}`,
    brandId: collection.brandId,
    collectionId: collection.id,
  });
  const fileName = `TY${suffix}-10O5_01.jpg`; // a letter O where the SKU has a zero
  await uploadAndProcess(page, batch.id, [[fileName, await productJpeg(9, 120, 150)]], "COMPLETED");

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

test("a batch detail's Conciliar link opens the workbench at that photo, with its candidates; a photo no longer waiting opens the queue with a notice", async ({
  page,
}) => {
  const base = `FC${stamp}X`;
  const collectionName = `${COLLECTION} F`;
  const csv = [
    "REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO",
    `${base}-12;Peça;${BRAND};${collectionName}`,
    `${base}12;Peça;${BRAND};${collectionName}`,
  ];
  const collection = await importCarteiraViaUi(page, `carteira-f-${stamp}.csv`, csv, collectionName);

  // Three photos whose SKU base fits both SKUs: all three wait in the queue as ambiguous.
  const batch = await post(page, "/api/v1/batches", {
    name: `Lote F ${stamp}`,
    brandId: collection.brandId,
    collectionId: collection.id,
  });
  const names = ["01", "02", "03"].map((n) => `${base.toLowerCase()}12_${n}.jpg`);
  await uploadAndProcess(
    page,
    batch.id,
    await Promise.all(names.map(async (name, i) => [name, await productJpeg(40 + i, 120, 150)] as const)),
    "COMPLETED",
  );

  // The queue's own order decides which photo is not its first.
  await page.goto(`/conciliacao?batchId=${batch.id}`);
  const queue = page.getByRole("list", { name: "Fotos aguardando decisão" });
  await expect(queue.getByRole("listitem")).toHaveCount(3);
  const order = await queue
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")));
  const target = order.at(-1)!;
  expect(target).not.toBe(order[0]);

  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(`/lotes/${batch.id}`);
  const card = page.getByTestId("image-card").filter({ hasText: target });
  await expect(card.getByTestId("link-state")).toHaveAttribute("data-match", "AMBIGUOUS");
  await card.getByRole("link", { name: `Conciliar ${target} na Conciliação` }).click();

  await expect(page).toHaveURL(new RegExp(`/conciliacao\\?batchId=${batch.id}&imageId=[0-9a-f-]{36}$`));
  await expect(page.getByTestId("current-filename")).toHaveText(target);
  const selected = queue.getByRole("listitem", { name: target });
  await expect(selected).toHaveAttribute("aria-current", "true");
  await expect(selected).toBeFocused();
  await expect(queue.locator("[aria-current]")).toHaveCount(1);
  await expect(page.getByRole("button", { name: new RegExp(`^1\\. Escolher ${base}-?12 `) })).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`^2\\. Escolher ${base}-?12 `) })).toBeVisible();
  await expect(page.getByTestId("queue-focus-notice")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/reconciliation-focused-1024.png" });

  // Enter links it; the same link then says the photo is no longer waiting and opens the queue at its start.
  const focusedUrl = page.url();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reconciliation-announcer")).toContainText(`${target} vinculada a`);
  await page.goto(focusedUrl);
  await expect(page.getByTestId("queue-focus-notice")).toHaveText(
    "A foto pedida não está mais na fila: já foi vinculada ou marcada como sem SKU.",
  );
  await expect(queue.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("current-filename")).toHaveText(order[0]!);
  await page.screenshot({ path: "test-results/screens/reconciliation-focus-notice-1024.png" });

  // A malformed imageId is no error: the queue opens with the notice.
  const response = await page.goto(`/conciliacao?batchId=${batch.id}&imageId=nao-e-um-uuid`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("queue-focus-notice")).toHaveText("A foto pedida não está nesta fila de conciliação.");
  await expect(queue.getByRole("listitem")).toHaveCount(2);
});

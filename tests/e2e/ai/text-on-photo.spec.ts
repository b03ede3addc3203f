import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

// Text on the photo against the production build: a photo of a tag (printed SKU + EAN-13 barcode)
// whose file name names no SKU is uploaded through the app's upload path, analysed with the "texto"
// field (local OCR + barcode decoder), and its SKU is the top candidate in Conciliação, with
// "texto na foto" and "código de barras", highlighted above the threshold, validated with Enter.
// A second tag photo goes by "Validar todos acima do limite".
test.use({ storageState: ADMIN_STATE });

// The stamp is printed and read back by OCR: digits 2–9 only. Next to a letter, tesseract reads 0 as O
// and 1 as I now and then ("ET03915" → "ETO3915"); the matcher folds those as a probable misread
// (unit and integration text-candidates.test.ts), but this test is about an exact read.
// Base 8 of the clock, each digit + 2.
const stamp = [...(Date.now() % 8 ** 5).toString(8).padStart(5, "0")].map((d) => String(Number(d) + 2)).join("");
const BRAND = `Marca Etiqueta ${stamp}`;
const COLLECTION = `Etiquetas ${stamp}`;
const SKUS = { first: `ET${stamp}-0150`, second: `ET${stamp}-0270`, decoy: `ET${stamp}-0151` };
const EANS = { first: ean13(`789${stamp.slice(0, 4)}00150`), decoy: ean13(`789${stamp.slice(0, 4)}00151`) };
const FILES = { first: `etiqueta-${stamp}-a.jpg`, second: `etiqueta-${stamp}-b.jpg`, plain: `peca-${stamp}.jpg` };
const SCREENS = "test-results/screens";

/** The 13-digit EAN of a 12-digit body (its GS1 check digit appended). */
function ean13(body12: string): string {
  const sum = [...body12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body12 + String((10 - (sum % 10)) % 10);
}

/** The photos, made by tests/support/tag-photos.ts in a tsx child (text-on-photo-photos.ts). */
async function makePhotos(specs: object[]): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "text-on-photo-"));
  execFileSync("npx", ["tsx", "tests/e2e/ai/text-on-photo-photos.ts", dir, JSON.stringify(specs)], {
    stdio: "inherit",
  });
  return Promise.all(specs.map((s) => readFile(path.join(dir, (s as { name: string }).name))));
}

async function importCarteira(page: Page): Promise<{ id: string; brandId: string }> {
  const csv = [
    "REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO;EAN",
    `${SKUS.first};Vestido midi linho;${BRAND};${COLLECTION};${EANS.first}`,
    `${SKUS.second};Blusa de seda;${BRAND};${COLLECTION};`,
    `${SKUS.decoy};Saia plissada;${BRAND};${COLLECTION};${EANS.decoy}`,
  ].join("\r\n");
  const response = await page.request.post("/api/v1/carteira/imports", {
    headers: { origin: new URL(page.url()).origin },
    multipart: { file: { name: `carteira-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") } },
  });
  expect(response.status(), await response.text()).toBe(201);
  const collections = (await (await page.request.get("/api/v1/collections")).json()).items as {
    id: string;
    name: string;
    brandId: string;
  }[];
  return collections.find((c) => c.name === COLLECTION)!;
}

async function screenshots(page: Page, name: string) {
  await mkdir(SCREENS, { recursive: true });
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: `${SCREENS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
}

test("a tag's printed SKU and barcode become the top candidate above the threshold, validated with one key", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/conciliacao");
  const collection = await importCarteira(page);
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Etiquetas ${stamp}`,
    brandId: collection.brandId,
    collectionId: collection.id,
  });
  const photos = await makePhotos([
    {
      name: FILES.first,
      tag: {
        lines: [`REF ${SKUS.first}`, "TAM M", "100% LINHO"],
        barcode: { kind: "EAN13", value: EANS.first },
        rotate: 2,
        seed: 11,
      },
    },
    { name: FILES.second, tag: { lines: [`REF ${SKUS.second}`, "TAM P"], rotate: -1.5, seed: 12 } },
    { name: FILES.plain, product: { seed: 13, width: 800, height: 1000 } },
  ]);
  const files = [FILES.first, FILES.second, FILES.plain].map((name, i) => [name, photos[i]!] as const);
  await uploadAndProcess(page, batch.id, files, "COMPLETED");

  // The file names name no SKU: all three wait in Conciliação, with no text candidate yet.
  const images = (await (await page.request.get(`/api/v1/images?collectionId=${collection.id}&limit=10`)).json())
    .items as { id: string; originalName: string; matchStatus: string }[];
  expect(images.map((i) => i.matchStatus).sort()).toEqual(["UNMATCHED", "UNMATCHED", "UNMATCHED"]);

  // The analysis with the "texto" field only (OCR and barcodes are local: no vision call).
  const { id: runId } = await postJson<{ id: string }>(page, "/api/v1/ai/runs", {
    selection: { imageIds: images.map((i) => i.id) },
    fields: ["texto"],
  });
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/ai/runs/${runId}`)).json()) as { status: string }).status,
      { timeout: 180_000 },
    )
    .toBe("COMPLETED");
  const first = images.find((i) => i.originalName === FILES.first)!;
  const read = (await (await page.request.get(`/api/v1/images/${first.id}/text`)).json()) as {
    text: string;
    codes: { format: string; text: string }[];
  };
  expect(read.text).toContain(SKUS.first);
  expect(read.codes).toContainEqual({ format: "EAN-13", text: EANS.first });

  // Conciliação: the tag's SKU is the top candidate, both reasons, highlighted above the threshold.
  await page.goto(`/conciliacao?collectionId=${collection.id}`);
  const queue = page.getByRole("list", { name: "Fotos aguardando decisão" });
  await expect(queue.getByRole("listitem")).toHaveCount(3);
  await queue.getByRole("listitem", { name: FILES.first }).click();
  await expect(page.getByTestId("current-filename")).toHaveText(FILES.first);
  const top = page.getByRole("button", { name: new RegExp(`^1\\. Escolher ${SKUS.first}`) });
  await expect(top).toBeVisible();
  await expect(top).toHaveAttribute("data-above-threshold", "true");
  await expect(top).toContainText("texto na foto");
  await expect(top).toContainText("código de barras");
  await expect(top).toContainText("Acima do limite (82%)");
  await expect(top).toContainText("100%");
  await expect(page.getByText(/pontuação a partir de 82% aparecem destacados/)).toBeVisible();
  await screenshots(page, "text-candidates-reconciliation");

  // One key: Enter accepts the highlighted top candidate.
  await queue.getByRole("listitem", { name: FILES.first }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reconciliation-announcer")).toContainText(`${FILES.first} vinculada a ${SKUS.first}`);
  await expect(queue.getByRole("listitem")).toHaveCount(2);
  const decided = (await (await page.request.get(`/api/v1/images/${first.id}`)).json()) as {
    matchStatus: string;
    sku: string | null;
  };
  expect(decided).toMatchObject({ matchStatus: "MANUAL", sku: SKUS.first });

  // "Validar todos acima do limite": the other tag photo (printed SKU only) is linked after a confirm;
  // the plain photo has no text and stays.
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Vincular 1 foto");
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Validar todos acima do limite" }).click();
  await expect(page.getByText("1 foto vinculada pelo texto na foto.")).toBeVisible();
  await expect(queue.getByRole("listitem")).toHaveCount(1);
  await expect(queue.getByRole("listitem", { name: FILES.plain })).toBeVisible();
  const second = images.find((i) => i.originalName === FILES.second)!;
  expect(((await (await page.request.get(`/api/v1/images/${second.id}`)).json()) as { sku: string }).sku).toBe(
    SKUS.second,
  );
});

test("an admin turns auto-linking of exact barcodes on and off on the settings page", async ({ page }) => {
  await page.goto("/configuracoes");
  const panel = page.getByTestId("text-settings-panel");
  await expect(panel.getByRole("heading", { name: "Texto na foto" })).toBeVisible();
  await expect(panel).toContainText("Limite de confiança: 82%");
  const toggle = panel.getByRole("checkbox", { name: /Vincular automaticamente/ });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(panel.getByText("Configuração salva.")).toBeVisible();
  expect(await (await page.request.get("/api/v1/settings")).json()).toMatchObject({ autoLinkExactBarcode: true });
  await page.reload();
  await expect(panel.getByRole("checkbox", { name: /Vincular automaticamente/ })).toBeChecked();
  await panel.getByRole("checkbox", { name: /Vincular automaticamente/ }).uncheck();
  await expect(panel.getByText("Configuração salva.")).toBeVisible();
  expect(await (await page.request.get("/api/v1/settings")).json()).toMatchObject({ autoLinkExactBarcode: false });
});

test("an admin chooses who reads the text on the photo: the local OCR or the vision model", async ({ page }) => {
  await page.goto("/configuracoes");
  const panel = page.getByTestId("text-settings-panel");
  const reader = panel.getByRole("group", { name: "Quem lê o texto da foto" });
  await expect(reader.getByRole("radio", { name: /OCR local/ })).toBeChecked();
  await reader.getByRole("radio", { name: /Modelo de visão/ }).check();
  await expect(panel.getByText("Configuração salva.")).toBeVisible();
  expect(await (await page.request.get("/api/v1/settings")).json()).toMatchObject({ photoTextReader: "model" });
  await page.reload();
  await expect(reader.getByRole("radio", { name: /Modelo de visão/ })).toBeChecked();
  await reader.getByRole("radio", { name: /OCR local/ }).check();
  await expect(panel.getByText("Configuração salva.")).toBeVisible();
  expect(await (await page.request.get("/api/v1/settings")).json()).toMatchObject({ photoTextReader: "local" });
});

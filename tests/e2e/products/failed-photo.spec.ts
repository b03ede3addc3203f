import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);

async function post<T = { id: string }>(page: Page, url: string, data: unknown): Promise<T> {
  const response = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

test("a failed photo linked to its SKU shows as failed, with its reason in the reader's language, on the product page and is no coverage", async ({
  page,
}) => {
  await page.goto("/");
  const origin = new URL(page.url()).origin;
  const brand = await post(page, "/api/v1/brands", { name: `Marca Falha ${stamp}` });
  const collection = await post(page, "/api/v1/collections", { brandId: brand.id, name: `Falhas ${stamp}` });
  const broken = await post(page, "/api/v1/products", {
    sku: `FL${stamp}-01`,
    collectionId: collection.id,
    brandId: brand.id,
  });
  await post(page, "/api/v1/products", { sku: `FL${stamp}-02`, collectionId: collection.id, brandId: brand.id });
  const batch = await post(page, "/api/v1/batches", { name: `Lote falhas ${stamp}`, collectionId: collection.id });
  // Half of a JPEG of its own (no other spec's bytes): right magic bytes, undecodable.
  const whole = await productJpeg(4242);
  const undecodable = whole.subarray(0, Math.floor(whole.length / 2));
  for (const [name, buffer] of [
    [`FL${stamp}-01_FRENTE.jpg`, undecodable],
    [`FL${stamp}-02_FRENTE.jpg`, await productJpeg(77, 120, 150)],
  ] as const) {
    const response = await page.request.post(`/api/v1/batches/${batch.id}/files`, {
      headers: { origin },
      multipart: { file: { name, mimeType: "image/jpeg", buffer } },
    });
    expect(response.status(), await response.text()).toBe(200);
  }
  await post(page, `/api/v1/batches/${batch.id}/start`, {});
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/batches/${batch.id}`)).json()) as { status: string }).status,
      { timeout: 60_000 },
    )
    .toBe("COMPLETED_WITH_ERRORS");

  // "Reconciliar" links the undecodable photo to its SKU by its filename; it still is no photo of the SKU.
  const { runId } = await post<{ runId: string }>(page, "/api/v1/reconcile", { collectionId: collection.id });
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/reconcile/${runId}`)).json()) as { status: string }).status,
    )
    .toBe("COMPLETED");

  await page.goto(`/produtos/${broken.id}`);
  await expect(page.getByRole("heading", { name: "Fotos vinculadas (0)" })).toBeVisible();
  const state = page.getByTestId("photo-state");
  await expect(state).toHaveAttribute("data-status", "FAILED");
  await expect(state).toContainText("Falhou no processamento");
  await expect(state).toContainText("Imagem corrompida ou incompleta");
  await expect(page.locator('section[aria-labelledby="photos-title"] img')).toHaveCount(0);

  // In English the stored failure code is rendered in English, not the pt-BR text stored beside it.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: origin }]);
  await page.reload();
  await expect(state).toContainText("Corrupt or incomplete image");
  await expect(state).not.toContainText("Imagem corrompida");
  await page.context().clearCookies({ name: "NEXT_LOCALE" });

  await page.goto("/");
  await expect(
    page
      .getByTestId("coverage-card")
      .getByRole("listitem")
      .filter({ hasText: `Falhas ${stamp}` }),
  ).toContainText("50% · 1 de 2 SKUs");
});

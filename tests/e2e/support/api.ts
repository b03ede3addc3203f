export const ADMIN_STATE = "test-results/e2e/admin-state.json";

import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";

/** Signs in through next-auth's credentials endpoint (no UI), leaving the session cookie in the context. */
export async function signInViaApi(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`sign-in failed: ${response.status()}`);
}

/** Creates a user through the admin API using the admin's session of `page`. */
export async function createUserAsAdmin(
  page: Page,
  user: { email: string; password: string; role: "ADMIN" | "EDITOR" | "VIEWER"; name?: string },
) {
  const response = await page.request.post("/api/v1/users", {
    data: user,
    headers: { origin: new URL(page.url() || "http://localhost").origin },
  });
  if (![201, 409].includes(response.status()))
    throw new Error(`create user failed: ${response.status()} ${await response.text()}`);
}

/** POSTs JSON with the page's session and Origin; fails the test on anything but 2xx. */
export async function postJson<T = { id: string }>(page: Page, url: string, data: unknown): Promise<T> {
  const response = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Uploads photos to a batch (one request each), starts it and waits until it reaches `status`. */
export async function uploadAndProcess(
  page: Page,
  batchId: string,
  files: ReadonlyArray<readonly [name: string, buffer: Buffer]>,
  status: "COMPLETED" | "COMPLETED_WITH_ERRORS",
) {
  const origin = new URL(page.url()).origin;
  for (const [name, buffer] of files) {
    const response = await page.request.post(`/api/v1/batches/${batchId}/files`, {
      headers: { origin },
      multipart: { file: { name, mimeType: "image/jpeg", buffer } },
    });
    expect(response.status(), await response.text()).toBe(200);
  }
  await postJson(page, `/api/v1/batches/${batchId}/start`, {});
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/batches/${batchId}`)).json()) as { status: string }).status,
      { timeout: 60_000 },
    )
    .toBe(status);
}

/** Runs "Reconciliar" for a collection through the API and waits until the run is done. */
export async function reconcileCollection(page: Page, collectionId: string) {
  const { runId } = await postJson<{ runId: string }>(page, "/api/v1/reconcile", { collectionId });
  await expect
    .poll(
      async () => ((await (await page.request.get(`/api/v1/reconcile/${runId}`)).json()) as { status: string }).status,
    )
    .toBe("COMPLETED");
}

/**
 * A new brand, collection and batch holding `count` small photos `<prefix>-0001_01.jpg`…, each
 * linked to its own product (so they stay out of the Conciliação queue other specs read), processed.
 */
export async function seedLinkedPhotos(
  page: Page,
  options: { name: string; skuPrefix: string; count: number; seed: number },
): Promise<{ batchId: string; skus: string[] }> {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca ${options.name}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: options.name });
  const skus = Array.from(
    { length: options.count },
    (_, i) => `${options.skuPrefix}-${String(i + 1).padStart(4, "0")}`,
  );
  for (let i = 0; i < skus.length; i += 10)
    await Promise.all(
      skus.slice(i, i + 10).map((sku) => postJson(page, "/api/v1/products", { sku, collectionId: collection.id })),
    );
  const batch = await postJson(page, "/api/v1/batches", {
    name: options.name,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const files = await Promise.all(
    skus.map(async (sku, i) => [`${sku}_01.jpg`, await productJpeg(options.seed + i, 40, 50)] as const),
  );
  await uploadAndProcess(page, batch.id, files, "COMPLETED");
  return { batchId: batch.id, skus };
}

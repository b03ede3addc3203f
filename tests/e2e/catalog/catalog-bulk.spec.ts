import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();

/** A collection of its own with `count` processed photos (unique names), returned with their ids in arrival order. */
async function seedCollection(page: Page, label: string, count: number, seedFrom: number) {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Lote ${label} ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", {
    brandId: brand.id,
    name: `Massa ${label} ${stamp}`,
  });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Massa ${label} ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const names = Array.from({ length: count }, (_, i) => `BK${label}${stamp}-${String(i + 1).padStart(2, "0")}_01.jpg`);
  const files = await Promise.all(
    names.map(async (name, i) => [name, await productJpeg(seedFrom + i, 80, 100)] as const),
  );
  await uploadAndProcess(page, batch.id, files, "COMPLETED");
  const list = (await (await page.request.get(`/api/v1/images?collectionId=${collection.id}`)).json()) as {
    items: { id: string; originalName: string }[];
  };
  return { collectionId: collection.id, ids: list.items.map((i) => i.id), names };
}

const grid = (page: Page) => page.getByRole("region", { name: "Fotos do catálogo" });
const card = (page: Page, name: string) => grid(page).getByRole("link", { name: `Abrir os detalhes da foto ${name}` });
const checkbox = (page: Page, name: string) => grid(page).getByRole("checkbox", { name: `Selecionar ${name}` });

test("selects three photos (click + shift-click) and approves them from the floating bar", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const { collectionId, names } = await seedCollection(page, "A", 4, 700);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/catalogo?collectionId=${collectionId}`);
  await expect(grid(page).getByTestId("catalog-card")).toHaveCount(4);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);

  await checkbox(page, names[0]!).click();
  await checkbox(page, names[2]!).click({ modifiers: ["Shift"] });
  const bar = page.getByRole("region", { name: "Ações da seleção" });
  await expect(bar.getByTestId("bulk-count")).toHaveText("3 fotos selecionadas");
  await expect(checkbox(page, names[1]!)).toHaveAttribute("aria-checked", "true");
  await expect(checkbox(page, names[3]!)).toHaveAttribute("aria-checked", "false");
  await page.screenshot({ path: "test-results/screens/catalogo-bulk-bar-1440.png" });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: "test-results/screens/catalogo-bulk-bar-1024.png" });
  await page.setViewportSize({ width: 1440, height: 900 });

  await bar.getByLabel("Mudar status").selectOption({ label: "Aprovado" });
  await bar.getByRole("button", { name: "Aplicar" }).click();
  await expect(bar.getByTestId("bulk-result")).toHaveText("3 alteradas, 0 ignoradas");
  for (const name of names.slice(0, 3))
    await expect(card(page, name).getByTestId("card-status")).toHaveText("Aprovado");
  await expect(card(page, names[3]!).getByTestId("card-status")).toHaveText("Pendente");

  await bar.getByRole("button", { name: "Limpar seleção" }).click();
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
});

test("selects all results of a filter and marks them Pendente Análise IA (reviewed ones only)", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const { collectionId, ids, names } = await seedCollection(page, "B", 4, 720);
  // The move to Pendente Análise IA needs a review first: three approved or rejected, one left pending.
  await postJson(page, "/api/v1/images/bulk", {
    selection: { imageIds: ids.slice(0, 2) },
    action: "setStatus",
    status: "APROVADO",
  });
  await postJson(page, "/api/v1/images/bulk", {
    selection: { imageIds: [ids[2]] },
    action: "setStatus",
    status: "REJEITADO",
  });

  await page.goto(`/catalogo?collectionId=${collectionId}`);
  await expect(grid(page).getByTestId("catalog-card")).toHaveCount(4);
  await checkbox(page, names[0]!).click();
  const bar = page.getByRole("region", { name: "Ações da seleção" });
  await bar.getByRole("button", { name: "Selecionar todos os 4 resultados" }).click();
  await expect(bar.getByTestId("bulk-count")).toHaveText("Todos os 4 resultados");
  for (const name of names) await expect(checkbox(page, name)).toHaveAttribute("aria-checked", "true");

  await bar.getByRole("button", { name: "Pendente Análise IA" }).click();
  await expect(bar.getByTestId("bulk-result")).toHaveText("3 alteradas, 1 ignorada");
  for (const name of names.slice(0, 3))
    await expect(card(page, name).getByTestId("card-status")).toHaveText("Pendente Análise IA");
  await expect(card(page, names[3]!).getByTestId("card-status")).toHaveText("Pendente");
});

test("a VIEWER selects and downloads, but sees no edit actions and the API refuses them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/catalogo");
  const { collectionId, ids, names } = await seedCollection(page, "C", 2, 740);
  const viewer = { email: `bulk-viewer-${stamp}@e2e.vitrine.local`.toLowerCase(), password: "viewer-senha-123" };
  await createUserAsAdmin(page, { ...viewer, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await signInViaApi(viewerPage.request, viewer.email, viewer.password);
  await viewerPage.goto(`/catalogo?collectionId=${collectionId}`);
  await checkbox(viewerPage, names[0]!).click();
  const bar = viewerPage.getByRole("region", { name: "Ações da seleção" });
  await expect(bar.getByTestId("bulk-count")).toHaveText("1 foto selecionada");
  await expect(bar.getByRole("button", { name: "Baixar ZIP" })).toBeVisible();
  for (const name of ["Aplicar", "Vincular", "Desvincular", "Pendente Análise IA"])
    await expect(bar.getByRole("button", { name })).toHaveCount(0);
  await expect(bar.getByLabel("Mudar status")).toHaveCount(0);

  const [download] = await Promise.all([
    viewerPage.waitForEvent("download"),
    bar.getByRole("button", { name: "Baixar ZIP" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("vitrine-fotos.zip");
  // Saved by the browser from the one-use link: a real archive holding the selected photo.
  const saved = await readFile((await download.path())!);
  expect(saved.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(saved.includes(Buffer.from(names[0]!))).toBe(true);

  const refused = await viewerPage.request.post("/api/v1/images/bulk", {
    data: { selection: { imageIds: ids }, action: "setStatus", status: "APROVADO" },
    headers: { origin: new URL(viewerPage.url()).origin },
  });
  expect(refused.status()).toBe(403);
  await context.close();
});

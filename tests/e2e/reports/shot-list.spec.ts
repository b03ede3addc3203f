import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const SHOTS_DIR = process.env.E2E_SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!SHOTS_DIR) return;
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an admin defines FRENTE and COSTAS for a collection and the matrix says falta COSTAS until the photo or alias is there", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/relatorios/cobertura");
  const post = (url: string, data: unknown) => postJson(page, url, data);
  const brand = await post("/api/v1/brands", { name: `Marca Shot ${stamp}` });
  const collection = await post("/api/v1/collections", { brandId: brand.id, name: `Shot ${stamp}` });
  const [one, two] = [`SH${stamp}-01`, `SH${stamp}-02`];
  for (const sku of [one, two])
    await post("/api/v1/products", { sku, nomePeca: "Blusa", categoria: "Blusas", collectionId: collection.id });
  const newBatch = () =>
    post("/api/v1/batches", { name: `Shot ${stamp}`, brandId: brand.id, collectionId: collection.id });
  const seed = Number.parseInt(stamp.slice(-5), 36);
  await uploadAndProcess(
    page,
    (await newBatch()).id,
    [
      [`${one}_01.jpg`, await productJpeg(seed, 40, 50)],
      [`${two}_01.jpg`, await productJpeg(seed + 1, 40, 50)],
    ],
    "COMPLETED",
  );

  await page.goto(`/relatorios/cobertura?collectionId=${collection.id}`);
  const editor = page.getByTestId("shot-list-editor");
  if (!(await editor.isVisible())) await page.getByText("Definir ângulos exigidos").click();
  await expect(editor).toHaveAttribute("data-hydrated", "true");
  await expect(editor.getByLabel("Coleção")).toHaveValue(collection.id);
  await editor.getByLabel("Ângulo 1", { exact: true }).fill("FRENTE");
  await editor.getByLabel("Apelidos do ângulo 1").fill("_01, F");
  await editor.getByRole("button", { name: "Adicionar ângulo" }).click();
  await editor.getByLabel("Ângulo 2", { exact: true }).fill("COSTAS");
  // One alias on two angles is refused with its reason, and nothing is saved.
  await editor.getByLabel("Apelidos do ângulo 2").fill("01");
  await editor.getByRole("button", { name: "Salvar ângulos" }).click();
  await expect(editor.getByRole("alert")).toHaveText(
    "O apelido 01 já pertence ao ângulo FRENTE; não pode ser também de COSTAS.",
  );
  await editor.getByLabel("Apelidos do ângulo 2").fill("_02");
  await editor.getByRole("button", { name: "Salvar ângulos" }).click();
  await expect(editor.getByRole("status")).toHaveText("Ângulos salvos.");

  const section = page.getByTestId("shot-list-section");
  const row = (sku: string) => section.getByTestId(`shot-list-row-${sku}`);
  await expect(row(one)).toContainText("falta COSTAS");
  await expect(row(two)).toContainText("falta COSTAS");
  await expect(row(one).getByRole("cell").filter({ hasText: "com foto" })).toHaveCount(1);
  await expect(section.getByTestId("shot-list-totals")).toContainText("0% dos SKUs completos (0 de 2)");
  await expect(section.getByTestId("shot-list-totals")).toContainText("50% dos ângulos com foto");
  await shoot(page, "cobertura-falta-costas");

  // A COSTAS photo completes the first SKU; a photo named _B does nothing until B is an alias of COSTAS.
  await uploadAndProcess(
    page,
    (await newBatch()).id,
    [
      [`${one}_COSTAS.jpg`, await productJpeg(seed + 2, 40, 50)],
      [`${two}_B.jpg`, await productJpeg(seed + 3, 40, 50)],
    ],
    "COMPLETED",
  );
  await page.reload();
  await expect(row(one)).toContainText("Completo");
  await expect(row(two)).toContainText("falta COSTAS");

  if (!(await editor.isVisible())) await page.getByText("Definir ângulos exigidos").click();
  await expect(editor).toHaveAttribute("data-hydrated", "true");
  await expect(editor.getByLabel("Apelidos do ângulo 2")).toHaveValue("_02");
  await editor.getByLabel("Apelidos do ângulo 2").fill("_02, B");
  await editor.getByRole("button", { name: "Salvar ângulos" }).click();
  await expect(editor.getByRole("status")).toHaveText("Ângulos salvos.");
  await expect(row(two)).toContainText("Completo");
  await expect(section.getByTestId("shot-list-totals")).toContainText("100% dos SKUs completos (2 de 2)");

  // Only incomplete: none left.
  await page.goto(`/relatorios/cobertura?collectionId=${collection.id}&incomplete=true`);
  await expect(section.getByText("Nenhum SKU com estes filtros.")).toBeVisible();

  // The export menu streams the matrix as CSV.
  await page.goto(`/relatorios/cobertura?collectionId=${collection.id}`);
  await page.getByTestId("shot-list-export").getByRole("button", { name: "Exportar" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("shot-list-export").getByRole("link").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^shot-list-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await fs.readFile((await download.path())!, "utf8")).slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("sku;nome_peca;categoria;fornecedor;marca;colecao;FRENTE;COSTAS;faltam;completo");
  expect(lines.slice(1)).toEqual([
    `${one};Blusa;Blusas;;Marca Shot ${stamp};Shot ${stamp};com foto;com foto;;sim`,
    `${two};Blusa;Blusas;;Marca Shot ${stamp};Shot ${stamp};com foto;com foto;;sim`,
  ]);

  // The dashboard card shows the shot-list completion.
  await page.goto("/");
  await expect(page.getByTestId("shot-list-card")).toContainText(`Marca Shot ${stamp} · Shot ${stamp}`);
  await shoot(page, "painel");
});

test("an admin defines the bank's angles for a categoria once, and a collection without lists of its own uses them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/relatorios/cobertura");
  const post = (url: string, data: unknown) => postJson(page, url, data);
  const brand = await post("/api/v1/brands", { name: `Marca Banco ${stamp}` });
  const collection = await post("/api/v1/collections", { brandId: brand.id, name: `Banco ${stamp}` });
  // A categoria of this test only: the bank's list must not reach the other tests' SKUs.
  const categoria = `Calçados ${stamp}`;
  const sku = `BK${stamp}-01`;
  await post("/api/v1/products", { sku, nomePeca: "Tênis", categoria, collectionId: collection.id });
  const batch = await post("/api/v1/batches", {
    name: `Banco ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const seed = Number.parseInt(stamp.slice(-5), 36) + 10;
  await uploadAndProcess(page, batch.id, [[`${sku}_LATERAL.jpg`, await productJpeg(seed, 40, 50)]], "COMPLETED");

  await page.goto(`/relatorios/cobertura?collectionId=${collection.id}`);
  const editor = page.getByTestId("shot-list-editor");
  if (!(await editor.isVisible())) await page.getByText("Definir ângulos exigidos").click();
  await expect(editor).toHaveAttribute("data-hydrated", "true");
  await editor.getByLabel("Coleção").selectOption({ label: "Todas as coleções (padrão do banco)" });
  await editor.getByLabel("Categoria").selectOption(categoria);
  await editor.getByLabel("Ângulo 1", { exact: true }).fill("LATERAL");
  await editor.getByRole("button", { name: "Adicionar ângulo" }).click();
  await editor.getByLabel("Ângulo 2", { exact: true }).fill("SOLA");
  await editor.getByLabel("Apelidos do ângulo 2").fill("_05");
  await editor.getByRole("button", { name: "Salvar ângulos" }).click();
  await expect(editor.getByRole("status")).toHaveText("Ângulos salvos.");

  const row = page.getByTestId("shot-list-section").getByTestId(`shot-list-row-${sku}`);
  await expect(row).toContainText("falta SOLA");
  await expect(row.getByRole("cell").filter({ hasText: "com foto" })).toHaveCount(1);
  await shoot(page, "cobertura-banco");

  // The bank's list, as the API reads it.
  const lists = (await (await page.request.get("/api/v1/shot-lists")).json()) as {
    items: { collectionId: string | null; categoria: string; angles: { name: string }[] }[];
  };
  expect(lists.items.find((l) => l.categoria === categoria)).toMatchObject({
    collectionId: null,
    angles: [{ name: "LATERAL" }, { name: "SOLA" }],
  });
});

test("a viewer sees the matrix but not the angle editor", async ({ page, browser }) => {
  await page.goto("/");
  const viewer = { email: `viewer-shot-${stamp.toLowerCase()}@teste.local`, password: "senha-viewer-123" };
  await createUserAsAdmin(page, { ...viewer, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await signInViaApi(viewerPage.request, viewer.email, viewer.password);
  await viewerPage.goto("/relatorios/cobertura");
  await expect(viewerPage.getByRole("heading", { name: "Shot list: ângulos por SKU" })).toBeVisible();
  await expect(viewerPage.getByTestId("shot-list-editor")).toHaveCount(0);
  await expect(viewerPage.getByText("Definir ângulos exigidos")).toHaveCount(0);
  await context.close();
});

import { mkdir, readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

// AI content against the production build, the model being the local fake OpenAI server
// (playwright.config.ts): its content replies are built from the request's data block
// (tests/support/fake-openai-server-replies.ts buildContentReply) — the title from the carteira's
// nome_peca, the description quoting the feedback — so each step can be checked exactly.
test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const AI_PORT = Number(process.env.E2E_AI_PORT ?? 3199);
const SCREENS = "test-results/screens";

async function seed(page: Page) {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Conteúdo ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Conteúdo ${stamp}` });
  const photoSku = `CT${stamp}-0001`;
  const productSku = `CT${stamp}-0002`;
  await postJson(page, "/api/v1/products", {
    sku: photoSku,
    collectionId: collection.id,
    nomePeca: "Vestido Midi Floral",
    categoria: "Vestidos",
  });
  const product = await postJson(page, "/api/v1/products", {
    sku: productSku,
    collectionId: collection.id,
    nomePeca: "Camisa de Linho",
    categoria: "Camisas",
  });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Conteúdo ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const names = [
    `${photoSku}_01.jpg`,
    `${productSku}_DETALHE.jpg`,
    `${productSku}_FRENTE.jpg`,
    `${productSku}_COSTAS.jpg`,
  ];
  const files = await Promise.all(names.map(async (name, i) => [name, await productJpeg(700 + i, 120, 160)] as const));
  await uploadAndProcess(page, batch.id, files, "COMPLETED");
  return { collectionId: collection.id, productId: product.id, photoName: names[0]! };
}

type FakeRequest = { path: string; content: { data: Record<string, unknown>; imageCount: number } | null };
async function contentRequests(page: Page): Promise<FakeRequest[]> {
  const response = await page.request.get(`http://127.0.0.1:${AI_PORT}/__fake/requests`);
  return ((await response.json()) as FakeRequest[]).filter((r) => r.content !== null);
}

/** The page at 1440 and 1024 px with `target` scrolled into view (inside the detail panel's own scroll). */
async function screenshots(page: Page, name: string, target: Locator) {
  await mkdir(SCREENS, { recursive: true });
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await target.evaluate((element) => element.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SCREENS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("content of a photo (generate, refine, versions, restore, edit in place), of a product from its angles, the CSV, the brand's examples", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto("/catalogo");
  const { collectionId, productId, photoName } = await seed(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/catalogo?collectionId=${collectionId}`);
  const grid = page.getByRole("region", { name: "Fotos do catálogo" });
  await grid.getByRole("link", { name: `Abrir os detalhes da foto ${photoName}` }).click();
  const detail = page.getByTestId("image-detail");
  const panel = detail.getByTestId("detail-content");
  await expect(panel.getByRole("heading", { name: "Conteúdo" })).toBeVisible();
  await expect(panel).toContainText("Nenhum conteúdo gerado ainda.");

  // Generate: version 1 from the photo and its carteira fields.
  await panel.getByRole("button", { name: "Gerar conteúdo" }).click();
  await expect(panel.getByTestId("content-current-version")).toHaveText("v1");
  const titulo = panel.getByTestId("content-titulo");
  await expect(titulo).toContainText("Vestido Midi Floral");
  const firstTitle = (await titulo.getByRole("button").textContent())!.trim();
  await expect(panel.getByTestId("content-hashtags")).toContainText("#vestido");

  // Refine with feedback: version 2, the model got the feedback (its description quotes it).
  await panel.getByLabel("O que mudar?").fill("mais curto, cite o tecido");
  await panel.getByRole("button", { name: "Refinar" }).click();
  await expect(panel.getByTestId("content-current-version")).toHaveText("v2");
  await expect(panel.getByTestId("content-descricao")).toContainText("mais curto, cite o tecido");
  await expect(titulo).toContainText("(revisado)");

  // Both versions, with origin, feedback and model; compare them.
  await panel.getByText("Versões (2)").click();
  const v1 = panel.getByTestId("content-version-1");
  const v2 = panel.getByTestId("content-version-2");
  await expect(v1).toContainText("Gerada");
  await expect(v2).toContainText("Refinada");
  await expect(v2).toContainText("Pedido: “mais curto, cite o tecido”");
  await expect(v2).toContainText("gpt-4o-mini");
  const compare = panel.getByTestId("content-compare");
  await expect(compare.getByTestId("compare-descricao").locator("ins")).toContainText("mais curto");
  await expect(compare.getByTestId("compare-titulo").locator("ins")).toContainText("(revisado)");
  await screenshots(page, "ai-content-panel", panel);
  await screenshots(page, "ai-content-versions", panel.getByTestId("content-history"));

  // Restore the first: version 3 with its texts.
  await v1.getByRole("button", { name: "Restaurar a versão 1" }).click();
  await expect(panel.getByTestId("content-current-version")).toHaveText("v3");
  await expect(titulo.getByRole("button")).toHaveText(firstTitle);
  await expect(panel.getByTestId("content-version-3")).toContainText("Restaurada");

  // Edit the title in place: version 4, a person's edit.
  await titulo.getByRole("button", { name: "Editar Título" }).click();
  const input = titulo.getByRole("textbox", { name: "Título" });
  await input.fill("Vestido Midi Floral de Viscose");
  await input.press("Enter");
  await expect(panel.getByTestId("content-current-version")).toHaveText("v4");
  await expect(titulo.getByRole("button")).toHaveText("Vestido Midi Floral de Viscose");
  await expect(panel).toContainText("editado por uma pessoa");
  await expect(panel.getByTestId("content-version-4")).toContainText("Editada");
  await page.keyboard.press("Escape");
  await expect(detail).toBeHidden();

  // A product's content from its angles, in catalog order, in one request.
  const before = (await contentRequests(page)).length;
  await page.goto(`/produtos/${productId}`);
  const productPanel = page.getByTestId("product-content");
  await expect(productPanel.getByRole("heading", { name: "Conteúdo do produto" })).toBeVisible();
  await productPanel.getByRole("button", { name: "Gerar conteúdo" }).click();
  await expect(productPanel.getByTestId("content-current-version")).toHaveText("v1");
  await expect(productPanel.getByTestId("content-titulo")).toContainText("Camisa de Linho");
  await expect(productPanel.getByTestId("content-descricao")).toContainText("visto em 3 ângulos");
  const productRequest = (await contentRequests(page)).slice(before).at(-1)!;
  expect(productRequest.content!.imageCount).toBe(3);
  expect(productRequest.content!.data.fotos).toEqual([
    expect.stringMatching(/_FRENTE\.jpg$/),
    expect.stringMatching(/_COSTAS\.jpg$/),
    expect.stringMatching(/_DETALHE\.jpg$/),
  ]);

  // Export the content CSV of the selected photo from the catalog's bulk bar.
  await page.goto(`/catalogo?collectionId=${collectionId}`);
  await grid.getByRole("checkbox", { name: `Selecionar ${photoName}` }).click();
  const bar = page.getByRole("region", { name: "Ações da seleção" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    bar.getByRole("link", { name: "Exportar conteúdo (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^conteudo-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("arquivo;sku;titulo;descricao;hashtags;pontos_chave;versao;atualizado_em");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(
    new RegExp(`^${photoName.replace(".", "\\.")};CT${stamp}-0001;Vestido Midi Floral de Viscose;`),
  );
  expect(lines[1]).toMatch(/;4;\d{4}-\d{2}-\d{2}T/);

  // The brand's edit and feedback are the examples of its next prompts; "limpar exemplos" clears them.
  await page.goto("/configuracoes");
  const settings = page.getByTestId("content-settings");
  await settings.getByLabel("Marca").selectOption({ label: `Marca Conteúdo ${stamp}` });
  await expect(settings.getByRole("heading", { name: "Exemplos usados nos próximos textos (2)" })).toBeVisible();
  const examples = settings.getByTestId("content-examples");
  await expect(examples).toContainText("Vestido Midi Floral de Viscose");
  await expect(examples).toContainText("mais curto, cite o tecido");
  await screenshots(page, "ai-content-settings", settings);
  await settings.getByRole("button", { name: "Limpar exemplos" }).click();
  await expect(settings.getByRole("heading", { name: "Exemplos usados nos próximos textos (0)" })).toBeVisible();
  await expect(settings).toContainText("Nenhum exemplo");
});

import { expect, test, type Locator, type Page } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import {
  ADMIN_STATE,
  createUserAsAdmin,
  postJson,
  seedLinkedPhotos,
  signInViaApi,
  uploadAndProcess,
} from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();
const SKU = `DT${stamp}-01`;
// Arrival (id) order is the catalog's default: _01, then _02, then _03.
const NAMES = [`${SKU}_01.jpg`, `${SKU}_02.jpg`, `${SKU}_03.jpg`];
const DESCRIPTION = `Vestido midi com botões frontais ${stamp}`;

async function seed(page: Page): Promise<{ batchId: string; ids: Record<string, string> }> {
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Detalhe ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Detalhe ${stamp}` });
  await postJson(page, "/api/v1/products", {
    sku: SKU,
    collectionId: collection.id,
    nomePeca: "Vestido Midi Botões",
    categoria: "Vestidos",
    subcategoria: "Midi",
    tipoPeca: "Vestido",
    origem: "Nacional",
    cor: "Verde",
  });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Detalhe ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const files = await Promise.all(NAMES.map(async (name, i) => [name, await productJpeg(700 + i, 900, 1200)] as const));
  await uploadAndProcess(page, batch.id, files, "COMPLETED");
  const list = (await (await page.request.get(`/api/v1/images?batchId=${batch.id}`)).json()) as {
    items: { id: string; originalName: string }[];
  };
  return { batchId: batch.id, ids: Object.fromEntries(list.items.map((item) => [item.originalName, item.id])) };
}

const card = (page: Page, name: string) => page.getByRole("link", { name: `Abrir os detalhes da foto ${name}` });
const panel = (page: Page) => page.getByRole("dialog");
const heading = (dialog: Locator) => dialog.getByRole("heading", { level: 2 });

test("photo detail: opens from a card, edits in place, moves by keyboard, approves, closes back to the card", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/catalogo");
  const { batchId, ids } = await seed(page);
  const [first, second, third] = NAMES.map((name) => ids[name]!);

  await page.goto(`/catalogo?batchId=${batchId}`);
  await card(page, NAMES[0]!).click();
  const dialog = panel(page);
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]foto=${first}`));
  await expect(page).toHaveURL(new RegExp(`[?&]batchId=${batchId}`));
  await expect(heading(dialog)).toHaveText(NAMES[0]!);
  await expect(dialog.getByRole("button", { name: "Fechar detalhes" })).toBeFocused();

  // Two groups: the carteira (read-only, from the product) and the editable IA / editorial fields.
  const carteira = dialog.getByRole("region", { name: "Carteira" });
  await expect(carteira.getByTestId("carteira-nomePeca")).toHaveText("Vestido Midi Botões");
  await expect(carteira.getByTestId("carteira-cor")).toHaveText("Verde");
  await expect(carteira.getByRole("button")).toHaveCount(0);
  const editorial = dialog.getByRole("region", { name: "IA / editorial" });
  await expect(dialog.getByTestId("file-dimensions")).toHaveText("900 × 1200 px");
  await expect(dialog.getByTestId("file-batch")).toHaveText(`Detalhe ${stamp}`);
  await expect(dialog.getByRole("link", { name: `Abrir o produto ${SKU}` })).toBeVisible();
  await expect(dialog.getByTestId("detail-sibling")).toHaveCount(2);
  await expect(dialog.getByTestId("detail-preview")).toHaveJSProperty("complete", true);
  expect(await dialog.getByTestId("detail-preview").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(900);

  // Esc while editing cancels the edit only.
  await editorial.getByRole("button", { name: "Editar Título" }).click();
  await editorial.getByRole("textbox", { name: "Título" }).fill("não salvar");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();
  await expect(editorial.getByRole("textbox", { name: "Título" })).toHaveCount(0);
  await expect(editorial.getByTestId("field-aiTitle")).not.toContainText("não salvar");

  // A refused save says why (the error code's text) and keeps the draft until Esc.
  await editorial.getByRole("button", { name: "Editar Título" }).click();
  await editorial.getByRole("textbox", { name: "Título" }).fill("x".repeat(301));
  await page.keyboard.press("Enter");
  await expect(editorial.getByTestId("field-aiTitle").getByRole("alert")).toHaveText(
    "Dados inválidos: revise os campos.",
  );
  await expect(editorial.getByRole("textbox", { name: "Título" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(editorial.getByRole("button", { name: "Editar Título" })).toBeFocused();

  // The description, edited in place (Ctrl+Enter saves a textarea), persists.
  await editorial.getByRole("button", { name: "Editar Descrição" }).click();
  await editorial.getByRole("textbox", { name: "Descrição" }).fill(DESCRIPTION);
  await page.keyboard.press("Control+Enter");
  await expect(editorial.getByTestId("field-aiDescription")).toContainText("Salvo.");
  await expect(editorial.getByRole("button", { name: "Editar Descrição" })).toContainText(DESCRIPTION);
  await expect(dialog.getByTestId("audit-entry").first()).toContainText("Editou descrição");
  // The saved field takes the focus back (only then is Tab/Enter on the next field the user's own).
  await expect(editorial.getByRole("button", { name: "Editar Descrição" })).toBeFocused();
  // Tags: an input, Enter saves, commas split them.
  await editorial.getByRole("button", { name: "Editar Tags" }).press("Enter");
  await editorial.getByRole("textbox", { name: "Tags" }).fill("midi, botões, midi");
  await page.keyboard.press("Enter");
  await expect(editorial.getByTestId("field-aiTags")).toContainText("Salvo.");
  await page.screenshot({ path: "test-results/screens/catalogo-detalhe-1440.png" });

  await page.reload();
  await expect(heading(panel(page))).toHaveText(NAMES[0]!);
  const reloaded = panel(page).getByRole("region", { name: "IA / editorial" });
  await expect(reloaded.getByRole("button", { name: "Editar Descrição" })).toContainText(DESCRIPTION);
  await expect(reloaded.getByTestId("field-aiTags").getByTestId("tag-chip")).toHaveText(["midi", "botões"]);

  // → moves to the next photo of the list, ← back; the URL follows.
  await panel(page).getByRole("button", { name: "Fechar detalhes" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(heading(panel(page))).toHaveText(NAMES[1]!);
  await expect(page).toHaveURL(new RegExp(`[?&]foto=${second}`));
  await expect(panel(page).getByTestId("detail-position")).toHaveText("2 de 3");
  await page.keyboard.press("ArrowRight");
  await expect(heading(panel(page))).toHaveText(NAMES[2]!);
  await expect(panel(page).getByRole("button", { name: "Próxima foto" })).toBeDisabled();
  await panel(page).getByRole("button", { name: "Foto anterior" }).click();
  await expect(heading(panel(page))).toHaveText(NAMES[1]!);

  // Approve through the workflow buttons: only the moves the workflow allows are offered.
  const workflow = panel(page).getByTestId("detail-workflow");
  await expect(workflow.getByRole("button")).toHaveText(["Aprovar", "Rejeitar"]);
  await workflow.getByRole("button", { name: "Aprovar" }).click();
  await expect(panel(page).getByTestId("detail-status")).toHaveText("Aprovado");
  await expect(workflow.getByRole("button")).toHaveText(["Marcar Pendente Análise IA", "Voltar para Pendente"]);
  await expect(panel(page).getByTestId("audit-entry").first()).toContainText("Status: Pendente → Aprovado");
  await panel(page).getByRole("region", { name: "Histórico" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/catalogo-detalhe-fatos-1440.png" });

  // Esc closes; focus returns to the card of the photo last shown, which already shows the new status.
  await page.keyboard.press("Escape");
  await expect(panel(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]foto=/);
  await expect(card(page, NAMES[1]!)).toBeFocused();
  await expect(card(page, NAMES[1]!).getByTestId("card-status")).toHaveText("Aprovado");

  // Enter on the focused card opens it again; the back button closes it; a sibling opens its own detail.
  await page.keyboard.press("Enter");
  await expect(heading(panel(page))).toHaveText(NAMES[1]!);
  await panel(page)
    .getByRole("button", { name: `Abrir a foto ${NAMES[2]}` })
    .click();
  await expect(heading(panel(page))).toHaveText(NAMES[2]!);
  await expect(page).toHaveURL(new RegExp(`[?&]foto=${third}`));
  await page.goBack();
  await expect(panel(page)).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/catalogo\\?batchId=${batchId}$`));
  // A click beside the panel (on the dimmed page) closes it too.
  await card(page, NAMES[0]!).click();
  await expect(heading(panel(page))).toHaveText(NAMES[0]!);
  await page.mouse.click(100, 450);
  await expect(panel(page)).toHaveCount(0);

  // Por SKU: the same panel from the grouped view.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`/catalogo?batchId=${batchId}&view=sku`);
  await card(page, NAMES[0]!).click();
  await expect(heading(panel(page))).toHaveText(NAMES[0]!);
  await expect(panel(page).getByTestId("detail-preview")).toHaveJSProperty("complete", true);
  await page.screenshot({ path: "test-results/screens/catalogo-detalhe-1024.png" });
  await page.keyboard.press("Escape");
  await expect(panel(page)).toHaveCount(0);

  // A VIEWER sees the detail without edit controls or workflow buttons, and the API refuses their edit.
  const viewer = { email: `detail-viewer-${stamp}@e2e.vitrine.local`.toLowerCase(), password: "viewer-senha-123" };
  await createUserAsAdmin(page, { ...viewer, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await signInViaApi(viewerPage.request, viewer.email, viewer.password);
  await viewerPage.goto(`/catalogo?batchId=${batchId}&foto=${first}`);
  const viewerPanel = panel(viewerPage);
  await expect(heading(viewerPanel)).toHaveText(NAMES[0]!);
  await expect(viewerPanel.getByRole("region", { name: "IA / editorial" })).toContainText(DESCRIPTION);
  await expect(viewerPanel.getByRole("button", { name: /^Editar / })).toHaveCount(0);
  await expect(viewerPanel.getByTestId("detail-workflow").getByRole("button")).toHaveCount(0);
  await expect(viewerPanel.getByTestId("detail-status")).toHaveText("Pendente");
  const refused = await viewerPage.request.patch(`/api/v1/images/${first}`, {
    data: { aiDescription: "do viewer" },
    headers: { origin: new URL(viewerPage.url()).origin },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toBe("FORBIDDEN");
  await context.close();
});

test("→ on the last loaded photo fetches the catalog's next page and moves into it", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/catalogo");
  const { batchId } = await seedLinkedPhotos(page, {
    name: `Detalhe páginas ${stamp}`,
    skuPrefix: `DP${stamp}`,
    count: 101,
    seed: 900,
  });
  const list = (await (await page.request.get(`/api/v1/images?batchId=${batchId}&limit=200`)).json()) as {
    items: { id: string; originalName: string }[];
  };
  expect(list.items).toHaveLength(101);
  const [hundredth, last] = [list.items[99]!, list.items[100]!];

  // A shared link to the 100th photo: the first page (100) is loaded, the 101st is not yet.
  await page.goto(`/catalogo?batchId=${batchId}&foto=${hundredth.id}`);
  await expect(heading(panel(page))).toHaveText(hundredth.originalName);
  await expect(panel(page).getByTestId("detail-position")).toHaveText("100 de 100+");
  await expect(page.getByTestId("catalog-count")).toHaveText(
    "101 fotos · 100 fotos carregadas · role para carregar mais",
  );
  await page.keyboard.press("ArrowRight");
  await expect(heading(panel(page))).toHaveText(last.originalName);
  await expect(page).toHaveURL(new RegExp(`[?&]foto=${last.id}`));
  await expect(panel(page).getByTestId("detail-position")).toHaveText("101 de 101");
  await expect(panel(page).getByRole("button", { name: "Próxima foto" })).toBeDisabled();
});

import { expect, test } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);

test("an admin sees Sistema with the throughput chart and the queue table, cleans up the queue; an editor is refused", async ({
  page,
  browser,
}) => {
  await page.goto("/");
  // Some work for the last hour's chart: a batch of three photos processed by the in-app workers.
  const batch = await postJson(page, "/api/v1/batches", { name: `Lote sistema ${stamp}` });
  await uploadAndProcess(
    page,
    batch.id,
    [
      [`SYS${stamp}-01_FRENTE.jpg`, await productJpeg(601, 120, 150)],
      [`SYS${stamp}-02_FRENTE.jpg`, await productJpeg(602, 120, 150)],
      [`SYS${stamp}-03_FRENTE.jpg`, await productJpeg(603, 120, 150)],
    ],
    "COMPLETED",
  );

  const nav = page.getByRole("navigation", { name: "Navegação principal" });
  await nav.getByRole("link", { name: "Sistema" }).click();
  await expect(page).toHaveURL(/\/admin\/sistema$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sistema" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Sistema" })).toHaveAttribute("aria-current", "page");

  // Cards and batches by status.
  await expect(page.getByTestId("stat-images")).toContainText("Fotos processadas");
  await expect(page.getByTestId("stat-success-rate")).toContainText("%");
  const completedChip = page.getByTestId("batches-by-status").getByRole("listitem").filter({ hasText: "Concluído" });
  await expect(completedChip.first()).toBeVisible();

  // The chart: an image named by its summary, 60 bars, the photo jobs counted; the same figures as a table.
  const chart = page.getByTestId("system-throughput");
  const svg = chart.getByRole("img");
  await expect(svg).toHaveAttribute("aria-label", /jobs concluídos/);
  await expect(chart.getByTestId("throughput-bar")).toHaveCount(60);
  await expect(chart.locator("rect.fill-accent-400").first()).toBeVisible();
  const table = chart.getByRole("table");
  await expect(table).toHaveCount(1);
  await expect(table.getByRole("row")).toHaveCount(61);
  await chart.getByRole("button", { name: "Ver como tabela" }).click();
  await expect(table).toBeVisible();
  await chart.getByRole("button", { name: "Ocultar tabela" }).click();
  await chart.getByLabel("Fila").selectOption({ label: "Processamento de fotos" });
  await expect(svg).toHaveAttribute("aria-label", /^[1-9]\d* jobs concluídos/);

  // The queue table: one row per queue, the photo queue with its completed jobs of the last hour.
  const queues = page.getByRole("table", { name: "Filas" });
  const imageRow = queues.locator('[data-queue="image.process"]');
  await expect(imageRow).toContainText("Processamento de fotos");
  await expect(queues.getByRole("columnheader")).toContainText([
    "Fila",
    "Pendentes",
    "Ativos",
    "Tentando de novo",
    "Falhas",
    "Parados",
  ]);
  await expect(page.getByRole("heading", { name: "Jobs parados" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lotes parados" })).toBeVisible();

  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(svg).toBeVisible();
    await page.screenshot({ path: `test-results/screens/sistema-${width}.png`, fullPage: true });
  }

  // "Limpar fila": a confirmation first, Esc backs out, then the cleanup says what it did.
  await page.getByRole("button", { name: "Limpar fila" }).click();
  const dialog = page.getByRole("dialog", { name: "Limpar a fila de jobs?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await page.getByRole("button", { name: "Limpar fila" }).click();
  await dialog.getByLabel("Mais antigos que (horas)").fill("48");
  await dialog.getByRole("button", { name: "Limpar", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Fila limpa" })).toContainText("jobs removidos");

  // An editor: no Sistema in the menu, the page answers 403, and so does the API.
  const editor = {
    email: `sistema-${stamp}@e2e.vitrine.local`,
    password: "sistema-senha-123",
    role: "EDITOR" as const,
  };
  await createUserAsAdmin(page, editor);
  const context = await browser.newContext({ storageState: undefined });
  await signInViaApi(context.request, editor.email, editor.password);
  const editorPage = await context.newPage();
  await editorPage.goto("/");
  await expect(
    editorPage.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Lotes" }),
  ).toBeVisible();
  await expect(editorPage.getByRole("link", { name: "Sistema" })).toHaveCount(0);
  const refused = await editorPage.goto("/admin/sistema");
  expect(refused?.status()).toBe(403);
  await expect(editorPage.getByTestId("system-throughput")).toHaveCount(0);
  expect((await context.request.get("/api/v1/system/stats")).status()).toBe(403);
  await context.close();
});

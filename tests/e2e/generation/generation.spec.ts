import { mkdir } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const AI_PORT = Number(process.env.E2E_AI_PORT ?? 3199);
const FAKE = `http://127.0.0.1:${AI_PORT}/__fake`;
const SHOTS = process.env.GEN_SHOTS_DIR ?? "test-results/e2e/generation";
const stamp = Date.now().toString(36);
const SKUS = ["GN26-0001", "GN26-0002", "GN26-0003"] as const;

// Three prompts: the first spans three lines; quantities 2 and 3 by marker, the last the default (1).
const MULTI_LINE = ["Fundo de estúdio em tons de areia,", "luz suave da janela", "e sombra longa"];
const PROMPT_FILE = [
  `SKU: ${SKUS[0]}`,
  ...MULTI_LINE.map((line, i) => (i === MULTI_LINE.length - 1 ? `  ${line} [x2]` : `  ${line}`)),
  "",
  "",
  `SKU: ${SKUS[1]}`,
  `Textura de linho cru sobre mesa de madeira ${stamp} [x3]`,
  "",
  `SKU: ${SKUS[2]}`,
  "Campanha de verão na praia com guarda-sol listrado",
  "",
].join("\n");

type KeyStats = { id: string; label: string; status: string; invalidReason: string | null; successes: number };
type FakeRequest = { path: string; apiKey: string | null; status: number | null; prompt: string | null };

async function fakeBehaviour(page: Page, change: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await page.request.post(`${FAKE}/behaviour`, { data: change });
  expect(response.ok()).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function screenshots(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true });
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 1000 });
}

test("a prompt file of three prompts becomes a job into a new batch: preview, progress with a rejected key rotated, results by prompt, one image in the catalog", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/geracao");

  // The batch's brand and collection hold the prompts' SKUs, so the generated files link to them.
  const brandName = `Marca Geração ${stamp}`;
  const brand = await postJson(page, "/api/v1/brands", { name: brandName });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Geração ${stamp}` });
  for (const sku of SKUS) await postJson(page, "/api/v1/products", { sku, collectionId: collection.id });

  // Two image keys; the fake Images API refuses the first with 401.
  const bad = { label: `Geração recusada ${stamp}`, apiKey: `sk-e2e-gen-bad-${stamp}-ZZZZ` };
  const good = { label: `Geração válida ${stamp}`, apiKey: `sk-e2e-gen-ok-${stamp}-YYYY` };
  const badKey = await postJson(page, "/api/v1/ai/keys", { ...bad, capabilities: ["image"] });
  const goodKey = await postJson(page, "/api/v1/ai/keys", { ...good, capabilities: ["image"] });
  const before = await fakeBehaviour(page, {});
  await fakeBehaviour(page, {
    keys: { [bad.apiKey]: { kind: "status", status: 401, code: "invalid_api_key" } },
    latencyMs: 600,
  });

  try {
    await page.reload();
    await expect(
      page.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Geração" }),
    ).toHaveAttribute("aria-current", "page");
    const form = page.getByTestId("generation-form");
    await expect(form.getByTestId("generation-syntax")).toContainText("[x3]");
    await expect(form.getByTestId("generation-syntax")).toContainText("SKU: VD25-0150");

    await form.getByLabel("Arquivo de prompts (TXT)").setInputFiles({
      name: "prompts-campanha.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(PROMPT_FILE, "utf8"),
    });
    await expect(form.getByTestId("generation-file-name")).toHaveText("Arquivo: prompts-campanha.txt");
    const preview = form.getByTestId("generation-preview");
    await expect(preview.getByTestId("generation-preview-total")).toHaveText("3 prompts · 6 imagens no total");
    const rows = preview.getByTestId("generation-preview-row");
    await expect(rows).toHaveCount(3);
    await expect(preview.getByTestId("generation-preview-quantity")).toHaveText(["2", "3", "1"]);
    // Inner line breaks kept, outer spaces trimmed, the markers taken out of the text.
    expect(await rows.nth(0).getByTestId("generation-preview-prompt").innerText()).toBe(MULTI_LINE.join("\n"));
    await expect(rows.nth(0)).toContainText(SKUS[0]);
    await expect(rows.nth(1)).toContainText(`${SKUS[1]}_3.png – `);

    // Destination: a new batch with the brand and collection pickers.
    const batchName = `Geração campanha ${stamp}`;
    await form.getByLabel("Nome do lote").fill(batchName);
    await form.getByLabel("Marca").selectOption({ label: brandName });
    await form.getByLabel("Coleção").selectOption({ label: `Geração ${stamp}` });
    await screenshots(page, "geracao-form");

    await form.getByRole("button", { name: "Gerar imagens" }).click();
    await expect(form.getByTestId("generation-created")).toContainText("Geração criada: 6 imagens na fila.");

    const job = page.getByTestId("generation-job").first();
    await expect(job).toContainText(batchName);
    // Progress while it runs, then the end: 6 done, none failed, none left.
    await expect(job.getByTestId("generation-status")).toHaveAttribute("data-status", /QUEUED|RUNNING/);
    await expect(job.getByTestId("generation-status")).toHaveAttribute("data-status", "COMPLETED", { timeout: 90_000 });
    await expect(job.locator("[data-count=done]")).toHaveText("6");
    await expect(job.locator("[data-count=failed]")).toHaveText("0");
    await expect(job.locator("[data-count=remaining]")).toHaveText("0");

    // The refused key left the rotation with its reason; the other made every image.
    const keysPanel = page.getByTestId("generation-key-stats");
    const badRow = keysPanel.getByTestId("generation-key-row").filter({ hasText: bad.label });
    const goodRow = keysPanel.getByTestId("generation-key-row").filter({ hasText: good.label });
    await expect(badRow.getByTestId("generation-key-status")).toHaveText("recusada");
    await expect(badRow.getByTestId("generation-key-reason")).toHaveText("401: chave inválida ou revogada");
    await expect(goodRow.getByTestId("generation-key-status")).toHaveText("ativa");
    await expect(goodRow.getByTestId("generation-key-successes")).toHaveText("6");
    const stats = (await (await page.request.get("/api/v1/generation/keys/stats")).json()) as { keys: KeyStats[] };
    expect(stats.keys.find((k) => k.id === badKey.id)).toMatchObject({ status: "INVALID", successes: 0 });
    expect(stats.keys.find((k) => k.id === goodKey.id)).toMatchObject({ status: "ACTIVE", successes: 6 });
    // The provider saw the refused key once (then rotation), and six images answered with the other.
    const log = (await (await page.request.get(`${FAKE}/requests`)).json()) as FakeRequest[];
    const images = log.filter((r) => r.path === "/v1/images/generations");
    expect(images.filter((r) => r.apiKey === bad.apiKey).map((r) => r.status)).toEqual([401]);
    expect(images.filter((r) => r.apiKey === good.apiKey && r.status === 200)).toHaveLength(6);
    expect(images.some((r) => r.prompt?.includes("SKU:") || r.prompt?.includes("[x"))).toBe(false);
    expect(await page.content()).not.toContain(bad.apiKey);
    await screenshots(page, "geracao-jobs");

    // Results: grouped by prompt, with the prompt text, thumbnails and the global numbering.
    await job.getByRole("link", { name: "Ver resultados" }).click();
    await expect(page).toHaveURL(/\/geracao\/[0-9a-f-]{36}$/);
    const groups = page.getByTestId("generation-prompt");
    await expect(groups).toHaveCount(3);
    expect(await groups.nth(0).getByTestId("generation-prompt-text").innerText()).toBe(MULTI_LINE.join("\n"));
    const numbers = [[1, 2], [3, 4, 5], [6]];
    for (const [index, group] of numbers.entries()) {
      const items = groups.nth(index).getByTestId("generation-item");
      await expect(items).toHaveCount(group.length);
      await expect(items.getByTestId("generation-item-path")).toHaveText(group.map((n) => `${SKUS[index]}_${n}.png`));
      // The relative path: the prompt's folder (its slug), then the file.
      await expect(items.first().getByTestId("generation-item-path")).toHaveAttribute(
        "title",
        new RegExp(`^[a-z0-9_-]{1,50}/${SKUS[index]}_${group[0]}\\.png$`),
      );
      await expect(items.getByTestId("generation-item-status")).toHaveText(group.map(() => "Gerada"));
      await expect(items.first()).toHaveAttribute("data-number", String(group[0]));
    }
    const thumbs = page.getByTestId("generation-item-link").locator("img");
    await expect(thumbs).toHaveCount(6, { timeout: 30_000 });
    for (const img of await thumbs.all())
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByTestId("generation-zip")).toHaveAttribute("href", /\/zip$/);
    const jobId = page.url().split("/").pop()!;
    const detail = (await (await page.request.get(`/api/v1/generation/jobs/${jobId}`)).json()) as { batchId: string };
    await expect(page.getByTestId("generation-catalog-link")).toHaveAttribute(
      "href",
      `/catalogo?batchId=${detail.batchId}`,
    );
    await screenshots(page, "geracao-resultados");
    const zip = await page.request.get(`/api/v1/generation/jobs/${jobId}/zip`);
    expect(zip.headers()["content-type"]).toBe("application/zip");
    expect(zip.headers()["x-zip-entries"]).toBe("6");

    // "Regenerar" one image: it is made again as a new photo (the old one stays in the bank).
    const last = groups.nth(2).getByTestId("generation-item");
    const oldHref = await last.getByTestId("generation-item-link").getAttribute("href");
    await last.getByRole("button", { name: /^Regenerar .*GN26-0003_6\.png$/ }).click();
    await expect(last.getByTestId("generation-item-link")).not.toHaveAttribute("href", oldHref!, { timeout: 30_000 });
    await expect(last).toHaveAttribute("data-status", "SUCCEEDED");
    await expect(last.locator("img")).toBeVisible({ timeout: 30_000 });

    // One image opens in the catalog, filtered to the job's batch, with its detail.
    await groups
      .nth(1)
      .getByRole("link", { name: /Abrir .*GN26-0002_4\.png no catálogo/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/catalogo\\?batchId=${detail.batchId}&foto=[0-9a-f-]{36}$`));
    const panel = page.getByTestId("image-detail");
    await expect(panel.getByRole("heading", { name: `${SKUS[1]}_4.png` })).toBeVisible();
    await expect(panel.getByTestId("detail-sku")).toContainText(SKUS[1]);
  } finally {
    await fakeBehaviour(page, { keys: before.keys ?? {}, latencyMs: before.latencyMs ?? 0 });
    for (const key of [badKey, goodKey])
      await page.request.delete(`/api/v1/ai/keys/${key.id}`, { headers: { origin: new URL(page.url()).origin } });
  }
});

test("typed prompts into an existing batch: every key refused pauses the job with its message; resume finishes it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/geracao");
  const sku = "GN26-0004";
  const [brandName, collectionName] = [`Marca Pausa ${stamp}`, `Pausa ${stamp}`];
  const brand = await postJson(page, "/api/v1/brands", { name: brandName });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: collectionName });
  await postJson(page, "/api/v1/products", { sku, collectionId: collection.id });
  const batchName = `Lote pausa ${stamp}`;
  const batch = await postJson(page, "/api/v1/batches", {
    name: batchName,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const only = { label: `Geração única ${stamp}`, apiKey: `sk-e2e-gen-only-${stamp}-XXXX` };
  const key = await postJson(page, "/api/v1/ai/keys", { ...only, capabilities: ["image"] });
  const before = await fakeBehaviour(page, {});
  await fakeBehaviour(page, { keys: { [only.apiKey]: { kind: "status", status: 401, code: "invalid_api_key" } } });
  try {
    await page.reload();
    const form = page.getByTestId("generation-form");
    await form.getByLabel("Ou digite os prompts").fill(`SKU: ${sku}\nFundo liso cinza-claro ${stamp} [x2]`);
    await expect(form.getByTestId("generation-preview-total")).toHaveText("1 prompt · 2 imagens no total");
    await form.getByLabel("Lote existente").check();
    await form
      .getByLabel("Lote", { exact: true })
      .selectOption({ label: `${batchName} · ${brandName} · ${collectionName}` });
    await form.getByRole("button", { name: "Gerar imagens" }).click();
    await expect(form.getByTestId("generation-created")).toContainText("2 imagens");

    const job = page.getByTestId("generation-job").filter({ hasText: batchName });
    await expect(job.getByRole("link", { name: batchName })).toHaveAttribute("href", `/lotes/${batch.id}`);
    await expect(job.getByTestId("generation-status")).toHaveAttribute("data-status", "PAUSED", { timeout: 60_000 });
    await expect(job.getByTestId("generation-paused")).toHaveText(
      "Geração pausada: Todas as chaves de geração foram recusadas, mesmo após reiniciar o pool: verifique as chaves e retome.",
    );
    await screenshots(page, "geracao-pausada");

    // The key is fixed at the provider: "Retomar" resets the pool and finishes the job.
    await fakeBehaviour(page, { keys: {} });
    await job.getByRole("button", { name: "Retomar" }).click();
    await expect(job.getByTestId("generation-status")).toHaveAttribute("data-status", "COMPLETED", { timeout: 60_000 });
    await expect(job.locator("[data-count=done]")).toHaveText("2");
    await expect(job.getByTestId("generation-paused")).toHaveCount(0);
  } finally {
    await fakeBehaviour(page, { keys: before.keys ?? {} });
    await page.request.delete(`/api/v1/ai/keys/${key.id}`, { headers: { origin: new URL(page.url()).origin } });
  }
});

test("a VIEWER has no Geração link, and the page and its API refuse the role", async ({ page, browser }) => {
  await page.goto("/geracao");
  const user = { email: `geracao-viewer-${stamp}@e2e.vitrine.local`, password: "geracao-senha-123" };
  await createUserAsAdmin(page, { ...user, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await signInViaApi(other.request, user.email, user.password);
  await other.goto("/catalogo");
  const nav = other.getByRole("navigation", { name: "Navegação principal" });
  await expect(nav.getByRole("link", { name: "Catálogo" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Geração" })).toHaveCount(0);
  expect((await other.goto("/geracao"))?.status()).toBe(403);
  expect((await other.request.get("/api/v1/generation/jobs")).status()).toBe(403);
  await context.close();
});

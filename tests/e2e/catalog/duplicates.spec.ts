import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { patternJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, createUserAsAdmin, postJson, signInViaApi, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36).toUpperCase();

/** The same picture re-exported: smaller and at another JPEG quality (other bytes, other size). */
const reexport = (jpeg: Buffer) => sharp(jpeg).resize({ width: 400 }).jpeg({ quality: 60 }).toBuffer();

const NAMES = {
  first: `DUP${stamp}-A.jpg`,
  firstCopy: `DUP${stamp}-A-reexport.jpg`,
  second: `DUP${stamp}-B.jpg`,
  secondCopy: `DUP${stamp}-B-copia.jpg`,
};

const groupWith = (page: Page, name: string) =>
  page.getByTestId("duplicate-group").filter({ has: page.locator(`[data-name="${name}"]`) });

test("reviews near-duplicates side by side: 'manter este' and 'manter todos' stick", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/catalogo");
  const brand = await postJson(page, "/api/v1/brands", { name: `Marca Duplicatas ${stamp}` });
  const collection = await postJson(page, "/api/v1/collections", { brandId: brand.id, name: `Duplicatas ${stamp}` });
  const batch = await postJson(page, "/api/v1/batches", {
    name: `Duplicatas ${stamp}`,
    brandId: brand.id,
    collectionId: collection.id,
  });
  const first = await patternJpeg(1);
  const second = await patternJpeg(2);
  await uploadAndProcess(
    page,
    batch.id,
    [
      [NAMES.first, first],
      [NAMES.firstCopy, await reexport(first)],
      [NAMES.second, second],
      [NAMES.secondCopy, await reexport(second)],
    ],
    "COMPLETED",
  );
  // The check task runs every few seconds after photos finish processing.
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`/api/v1/images/duplicates?batchId=${batch.id}`)).json()) as {
            groups: unknown[];
          }
        ).groups.length,
      { timeout: 60_000 },
    )
    .toBe(2);

  // From the catalog header to the review page, filtered by the batch.
  await page.getByRole("link", { name: "Possíveis duplicatas" }).click();
  await expect(page).toHaveURL(/\/catalogo\/duplicatas$/);
  await expect(page.getByRole("heading", { name: "Possíveis duplicatas", level: 1 })).toBeVisible();
  await page.getByLabel("Lote").selectOption({ label: `Duplicatas ${stamp}` });
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(new RegExp(`batchId=${batch.id}`));
  await expect(page.getByTestId("duplicate-group")).toHaveCount(2);

  // Side by side: both photos with their facts.
  const groupA = groupWith(page, NAMES.first);
  const members = groupA.getByTestId("duplicate-member");
  await expect(members).toHaveCount(2);
  await expect(groupA.getByRole("heading", { name: "2 fotos parecidas" })).toBeVisible();
  await expect(groupA.locator(`[data-name="${NAMES.firstCopy}"]`)).toBeVisible();
  await expect(groupA.getByText("480 × 480 px")).toBeVisible();
  await expect(groupA.getByText("400 × 400 px")).toBeVisible();
  await expect(groupA.getByText(`Duplicatas ${stamp}`)).toHaveCount(2);
  await expect(groupA.getByTestId("duplicate-distance").first()).toHaveText("Referência");
  await expect(groupA.getByTestId("duplicate-distance").nth(1)).toHaveText(
    /Idêntica à referência|\d+ bits? de diferença/,
  );
  await expect(groupA.locator("img")).toHaveCount(2);
  await page.screenshot({ path: "test-results/screens/duplicatas-1440.png", fullPage: true });
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.screenshot({ path: "test-results/screens/duplicatas-1024.png", fullPage: true });

  // A VIEWER sees the groups without the decision buttons.
  const viewer = { email: `dupes-viewer-${stamp}@e2e.vitrine.local`.toLowerCase(), password: "viewer-senha-123" };
  await createUserAsAdmin(page, { ...viewer, role: "VIEWER" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  await signInViaApi(viewerPage.request, viewer.email, viewer.password);
  await viewerPage.goto(`/catalogo/duplicatas?batchId=${batch.id}`);
  await expect(viewerPage.getByTestId("duplicate-group")).toHaveCount(2);
  await expect(viewerPage.getByText("Seu perfil vê as possíveis duplicatas; decidir cabe a editores.")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: /Manter/ })).toHaveCount(0);
  await context.close();

  // "Manter este" on the original: the group leaves the list, the copy is marked (rejected, not deleted).
  await groupA
    .getByRole("button", { name: `Manter ${NAMES.first} e marcar as outras fotos do grupo como duplicatas` })
    .click();
  await expect(page.getByTestId("duplicates-announcement")).toHaveText(
    `Grupo resolvido: ${NAMES.first} mantida, 1 foto marcada como duplicata.`,
  );
  await expect(groupWith(page, NAMES.first)).toHaveCount(0);
  await expect(page.getByTestId("duplicate-group")).toHaveCount(1);

  // "Manter todos" on the other pair: gone, and not back after a reload.
  const groupB = groupWith(page, NAMES.second);
  await groupB.getByRole("button", { name: "Manter todas as 2 fotos: não são duplicatas" }).click();
  await expect(page.getByTestId("duplicates-announcement")).toHaveText("Grupo resolvido: todas as fotos mantidas.");
  await expect(page.getByTestId("duplicate-group")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("Nenhuma possível duplicata")).toBeVisible();
  await expect(page.getByTestId("duplicate-group")).toHaveCount(0);

  // The copy is still in the catalog, rejected; the original is untouched.
  const list = (await (await page.request.get(`/api/v1/images?batchId=${batch.id}&limit=10`)).json()) as {
    items: { originalName: string; status: string }[];
  };
  const statusOf = (name: string) => list.items.find((i) => i.originalName === name)?.status;
  expect(statusOf(NAMES.firstCopy)).toBe("REJEITADO");
  expect(statusOf(NAMES.first)).toBe("PENDENTE");
  expect(statusOf(NAMES.second)).toBe("PENDENTE");
  expect(statusOf(NAMES.secondCopy)).toBe("PENDENTE");
});

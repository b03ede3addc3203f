import { expect, test } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE, postJson, uploadAndProcess } from "../support/api";

test.use({ storageState: ADMIN_STATE });

const stamp = Date.now().toString(36);

test("clone a batch, soft-delete the clone, find it with 'mostrar excluídos' and restore it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/lotes");
  const name = `Ciclo ${stamp}`;
  const batch = await postJson(page, "/api/v1/batches", { name });
  await uploadAndProcess(
    page,
    batch.id,
    [
      [`CL26-${stamp}_FRENTE.jpg`, await productJpeg(7333, 120, 150)],
      [`CL26-${stamp}_COSTAS.jpg`, await productJpeg(7334, 120, 150)],
    ],
    "COMPLETED",
  );

  // Clonar: the dialog proposes "<name> (cópia)"; the clone links the same two photos.
  await page.goto(`/lotes/${batch.id}`);
  await page.getByRole("button", { name: "Clonar", exact: true }).click();
  const cloneDialog = page.getByTestId("batch-clone-dialog");
  await expect(cloneDialog.getByRole("heading", { name: "Clonar lote" })).toBeVisible();
  const cloneName = `Clone ${stamp}`;
  await cloneDialog.getByLabel("Nome do novo lote").fill(cloneName);
  await cloneDialog.getByRole("button", { name: "Clonar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: cloneName })).toBeVisible();
  const cloneId = page.url().split("/lotes/")[1]!;
  expect(cloneId).not.toBe(batch.id);
  await expect(page.getByTestId("batch-counts")).toContainText("2");
  await expect(page.getByRole("link", { name: "Clonado de outro lote" })).toHaveAttribute("href", `/lotes/${batch.id}`);

  // Excluir: restorable for the days chosen; the page then shows the banner with Restaurar.
  await page.getByRole("button", { name: "Excluir", exact: true }).click();
  const deleteDialog = page.getByTestId("batch-delete-dialog");
  const days = deleteDialog.getByLabel("Dias para restaurar");
  await expect(days).toHaveValue("30");
  await days.fill("400");
  await expect(deleteDialog.getByText("De 1 a 365 dias.")).toBeVisible();
  await expect(deleteDialog.getByRole("button", { name: "Excluir", exact: true })).toBeDisabled();
  await days.fill("7");
  await expect(deleteDialog.getByText(/^Restaurável até /)).toBeVisible();
  await deleteDialog.getByRole("button", { name: "Excluir", exact: true }).click();
  const banner = page.getByTestId("batch-deleted-banner");
  await expect(banner).toContainText("Excluído — será removido em");
  await expect(page.getByRole("button", { name: "Clonar", exact: true })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/batch-lifecycle-banner-1440.png" });

  // The Lotes list hides it; "Mostrar excluídos" (kept in the URL) shows it dimmed with Restaurar.
  await page.goto("/lotes");
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: cloneName, exact: true })).toHaveCount(0);
  await page.getByLabel("Mostrar excluídos").check();
  await expect(page).toHaveURL(/[?&]excluidos=1/);
  const deletedCard = page.getByTestId("deleted-batch-card").filter({ hasText: cloneName });
  await expect(deletedCard).toBeVisible();
  await expect(deletedCard).toContainText("2 arquivos");
  await page.screenshot({ path: "test-results/screens/batch-lifecycle-deleted-1440.png", fullPage: true });
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.reload();
  await expect(page.getByLabel("Mostrar excluídos")).toBeChecked();
  await expect(deletedCard).toBeVisible();
  await page.screenshot({ path: "test-results/screens/batch-lifecycle-deleted-1024.png", fullPage: true });

  await deletedCard.getByRole("button", { name: "Restaurar" }).click();
  await expect(page.getByTestId("deleted-batch-card").filter({ hasText: cloneName })).toHaveCount(0);
  await page.getByLabel("Mostrar excluídos").uncheck();
  await expect(page).not.toHaveURL(/excluidos=1/);
  await expect(page.getByRole("heading", { name: cloneName, exact: true })).toBeVisible();

  await page.goto(`/lotes/${cloneId}`);
  await expect(page.getByTestId("batch-deleted-banner")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Excluir", exact: true })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole("button", { name: "Excluir", exact: true }).click();
  await page.screenshot({ path: "test-results/screens/batch-lifecycle-dialog-1440.png" });
});

import { expect, test } from "@playwright/test";
import { ADMIN_STATE, createUserAsAdmin } from "../support/api";

test.use({ storageState: ADMIN_STATE });

test("an admin revokes another user's API token on /admin/usuarios, then all of them", async ({ page, request }) => {
  await page.goto("/admin/usuarios");
  const user = {
    email: `tokens-${Date.now()}@e2e.vitrine.local`,
    password: "tokens-senha-123",
    role: "EDITOR" as const,
  };
  await createUserAsAdmin(page, user);
  const tokenFor = async (name: string) => {
    const res = await request.post("/api/v1/auth/token", {
      data: { email: user.email, password: user.password, name },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const studio = await tokenFor("Script do estúdio");
  const backup = await tokenFor("Backup noturno");
  const meStatus = async (token: string) =>
    (await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status();

  await page.reload();
  page.on("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `2 tokens — ${user.email}` }).click();
  const panel = page.getByRole("region", { name: `Tokens de API de ${user.email}` });
  await expect(panel.getByRole("cell", { name: "Script do estúdio", exact: true })).toBeVisible();
  await expect(panel.getByRole("cell", { name: `${studio.slice(0, 10)}…` })).toBeVisible();

  await panel.getByRole("button", { name: "Revogar o token “Script do estúdio”" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Token revogado." })).toBeVisible();
  await expect(panel.getByRole("cell", { name: "Script do estúdio", exact: true })).toHaveCount(0);
  expect(await meStatus(studio)).toBe(401);
  expect(await meStatus(backup)).toBe(200);

  await panel.getByRole("button", { name: "Revogar todos" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 token revogado." })).toBeVisible();
  await expect(panel.getByText("Nenhum token ativo.")).toBeVisible();
  expect(await meStatus(backup)).toBe(401);
  await expect(page.getByRole("button", { name: `Nenhum — ${user.email}` })).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

// The batch list and the batch detail are prefetched on the server into the query cache the
// client reads (HydrationBoundary): the HTML already holds them and the browser does not ask again.
test("the batch list and a batch's detail come with the HTML, without a first fetch from the browser", async ({ page, baseURL }) => {
  const name = `Primeira pintura ${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/batches", { data: { name }, headers: { origin: new URL(baseURL!).origin } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  expect(await (await page.request.get("/lotes")).text()).toContain(name);
  expect(await (await page.request.get(`/lotes/${id}`)).text()).toContain(name);

  const apiCalls: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/api/v1/batches")) apiCalls.push(pathname);
  });
  await page.goto("/lotes");
  await expect(page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(apiCalls).toEqual([]);
});

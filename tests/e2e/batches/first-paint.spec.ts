import { expect, test } from "@playwright/test";
import { productJpeg } from "../../fixtures/images/build-images";
import { ADMIN_STATE } from "../support/api";

test.use({ storageState: ADMIN_STATE });

// The batch list, the batch detail and the first candidates in Conciliação are prefetched on the server into the query cache the
// client reads (HydrationBoundary): the HTML already holds them and the browser does not ask again.
test("the batch list and a batch's detail come with the HTML; the browser does not fetch the list again", async ({
  page,
  baseURL,
}) => {
  const name = `Primeira pintura ${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/batches", {
    data: { name },
    headers: { origin: new URL(baseURL!).origin },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  expect(await (await page.request.get("/lotes")).text()).toContain(name);
  expect(await (await page.request.get(`/lotes/${id}`)).text()).toContain(name);

  // The list itself; cards of batches being processed still poll their own progress.
  const listCalls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/v1/batches") listCalls.push(request.url());
  });
  await page.goto("/lotes");
  await expect(
    page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) }),
  ).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(listCalls).toEqual([]);
});

test("Conciliação's first photos come with their candidates, without a fetch from the browser", async ({
  page,
  baseURL,
}) => {
  const headers = { origin: new URL(baseURL!).origin };
  const created = await page.request.post("/api/v1/batches", {
    data: { name: `Conciliação pintura ${Date.now().toString(36)}` },
    headers,
  });
  const { id } = (await created.json()) as { id: string };
  const upload = await page.request.post(`/api/v1/batches/${id}/files`, {
    headers,
    multipart: { file: { name: "ZZ99-0001_FRENTE.jpg", mimeType: "image/jpeg", buffer: await productJpeg(991) } },
  });
  expect(upload.status()).toBe(200);
  expect((await page.request.post(`/api/v1/batches/${id}/start`, { headers })).status()).toBe(200);
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`/api/v1/images?batchId=${id}`)).json()) as {
            items: { matchStatus: string }[];
          }
        ).items[0]?.matchStatus,
    )
    .toBe("UNMATCHED");

  const candidateCalls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith("/candidates")) candidateCalls.push(request.url());
  });
  await page.goto(`/conciliacao?batchId=${id}`);
  await expect(page.getByText("ZZ99-0001_FRENTE.jpg").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(candidateCalls).toEqual([]);
});

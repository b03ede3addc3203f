import { beforeEach, describe, expect, it } from "vitest";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getDashboardCounts } from "@/lib/dashboard/get-dashboard-counts";
import { getPrisma } from "@/lib/db/client";
import { getProductOrThrow } from "@/lib/products/get-product";
import { listProducts } from "@/lib/products/list-products";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { startReconciliation } from "@/lib/reconciliation/start-reconciliation";
import { getCoverage } from "@/lib/reports/coverage";
import { listSkusWithoutPhoto } from "@/lib/reports/skus-without-photo";
import { skusWithoutPhotoExport } from "@/lib/reports/coverage-export";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "./seed";

beforeEach(async () => {
  await truncateAllTables();
  clearSkuIndexCache();
});

async function csvSkus(collectionId: string): Promise<string[]> {
  const { stream } = await skusWithoutPhotoExport(await seedActor("VIEWER"), {
    collectionId,
    format: "csv",
    separator: ";",
  });
  const text = await new Response(stream).text();
  return text
    .split("\r\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(";")[0]!.replace(/"/g, ""));
}

describe("a photo whose processing failed is no coverage", () => {
  it("reconciliation may link two undecodable photos to their SKUs, but coverage, the report, the CSV, the dashboard and the product pages do not count them", async () => {
    const c = await seedCollection("Verão");
    const a = await seedProduct("VD25-0001", productScope(c));
    const b = await seedProduct("VD25-0002", productScope(c));
    const reason = "O arquivo não pôde ser lido como imagem.";
    await seedImage("VD25-0001_01.jpg", scopeOf(c), {
      matchStatus: "PENDING",
      processingStatus: "FAILED",
      processingError: reason,
    });
    await seedImage("VD25-0002_01.jpg", scopeOf(c), {
      matchStatus: "UNMATCHED",
      processingStatus: "FAILED",
      processingError: reason,
    });

    const actor = await seedActor();
    const { runId } = await startReconciliation(actor, {}, async () => {});
    await runReconciliation(runId);
    // The filename still names the SKU: the link is kept so the product page shows the failed photo.
    const linked = await getPrisma().image.findMany({ orderBy: { originalName: "asc" } });
    expect(linked.map((i) => [i.productId, i.matchStatus])).toEqual([
      [a.id, "MATCHED"],
      [b.id, "MATCHED"],
    ]);

    expect((await getCoverage()).map((r) => [r.totalSkus, r.skusWithPhoto, r.percent])).toEqual([[2, 0, 0]]);
    expect((await listSkusWithoutPhoto({ collectionId: c.collection.id, limit: 10 })).items.map((p) => p.sku)).toEqual([
      "VD25-0001",
      "VD25-0002",
    ]);
    expect(await csvSkus(c.collection.id)).toEqual(["VD25-0001", "VD25-0002"]);
    expect((await getDashboardCounts()).images).toBe(0);
    expect(
      (await listProducts({ limit: 10 } as Parameters<typeof listProducts>[0])).items.map((p) => p.imageCount),
    ).toEqual([0, 0]);
    const page = await getProductOrThrow(a.id);
    expect(page.photoCount).toBe(0);
    expect(page.failedPhotoCount).toBe(1);
    expect(page.photoGroups.flatMap((g) => g.photos).map((p) => [p.processingStatus, p.processingError])).toEqual([
      ["FAILED", reason],
    ]);

    // A photo that processed counts at once.
    await seedImage("VD25-0001_02.jpg", scopeOf(c), { matchStatus: "MATCHED", productId: a.id });
    expect((await getCoverage()).map((r) => [r.skusWithPhoto, r.percent])).toEqual([[1, 50]]);
    expect(await csvSkus(c.collection.id)).toEqual(["VD25-0002"]);
    expect((await getProductOrThrow(a.id)).photoCount).toBe(1);
    expect((await getDashboardCounts()).images).toBe(1);
  });
});

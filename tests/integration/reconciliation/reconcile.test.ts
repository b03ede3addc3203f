import { beforeEach, describe, expect, it } from "vitest";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getPrisma } from "@/lib/db/client";
import { getReconciliationRunOrThrow } from "@/lib/reconciliation/get-reconciliation-run";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { startReconciliation } from "@/lib/reconciliation/start-reconciliation";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "./seed";

beforeEach(async () => {
  await truncateAllTables();
  clearSkuIndexCache();
});

async function reconcile(input: { batchId?: string; collectionId?: string } = {}) {
  const actor = await seedActor();
  const queued: string[] = [];
  const { runId } = await startReconciliation(actor, input, async (id) => void queued.push(id));
  expect(queued).toEqual([runId]);
  await runReconciliation(runId);
  return getReconciliationRunOrThrow(runId);
}

describe("reconcile job", () => {
  it("links an unmatched photo once its product appears, keeps people's decisions and AI fields", async () => {
    const c = await seedCollection();
    const prisma = getPrisma();
    const waiting = await seedImage("VD24-0001_FRENTE.jpg", scopeOf(c), {
      matchStatus: "UNMATCHED",
      skuBase: "VD24-0001",
      aiDescription: "Vestido azul",
      aiTags: ["vestido"],
    });
    const manualOther = await seedProduct("VD24-0099", productScope(c));
    const manual = await seedImage("VD24-0001_COSTAS.jpg", scopeOf(c), {
      matchStatus: "MANUAL",
      productId: manualOther.id,
    });
    const noSku = await seedImage("VD24-0001_DETALHE.jpg", scopeOf(c), { matchStatus: "NO_SKU" });
    await seedProduct("VD24-0001", productScope(c));

    const run = await reconcile();
    expect(run.status).toBe("COMPLETED");
    expect(run.total).toBe(1);
    expect(run.summary).toMatchObject({ matched: 1, ambiguous: 0, unmatched: 0, changed: 1 });

    const linked = await prisma.image.findUniqueOrThrow({ where: { id: waiting.id }, include: { product: true } });
    expect(linked.matchStatus).toBe("MATCHED");
    expect(linked.product?.sku).toBe("VD24-0001");
    expect(linked.sequence).toBe("FRENTE");
    expect(linked.aiDescription).toBe("Vestido azul");
    expect(linked.aiTags).toEqual(["vestido"]);
    expect(linked.aiAnalyzedAt).toBeNull();

    expect(await prisma.image.findUniqueOrThrow({ where: { id: manual.id } })).toMatchObject({
      matchStatus: "MANUAL",
      productId: manualOther.id,
    });
    expect(await prisma.image.findUniqueOrThrow({ where: { id: noSku.id } })).toMatchObject({
      matchStatus: "NO_SKU",
      productId: null,
    });
  });

  it("keeps an ambiguous photo ambiguous and an unknown one unmatched, and reports it", async () => {
    const c = await seedCollection();
    await seedProduct("AB-12", productScope(c));
    await seedProduct("AB12", productScope(c));
    const amb = await seedImage("ab12_01.jpg", scopeOf(c), { matchStatus: "AMBIGUOUS" });
    const unknown = await seedImage("ZZ99-0001_01.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
    const run = await reconcile();
    expect(run.summary).toMatchObject({ matched: 0, ambiguous: 1, unmatched: 1, changed: 0 });
    expect(run.processed).toBe(2);
    const prisma = getPrisma();
    expect((await prisma.image.findUniqueOrThrow({ where: { id: amb.id } })).matchStatus).toBe("AMBIGUOUS");
    expect((await prisma.image.findUniqueOrThrow({ where: { id: unknown.id } })).matchStatus).toBe("UNMATCHED");
  });

  it("is limited to the chosen batch / collection and never crosses collections", async () => {
    const a = await seedCollection("A");
    const b = await seedCollection("B");
    await seedProduct("VD24-0001", productScope(a));
    const inA = await seedImage("VD24-0001_01.jpg", scopeOf(a), { matchStatus: "UNMATCHED" });
    const inB = await seedImage("VD24-0001_02.jpg", scopeOf(b), { matchStatus: "UNMATCHED" });
    const run = await reconcile({ collectionId: b.collection.id });
    expect(run.total).toBe(1);
    expect(run.summary.unmatched).toBe(1);
    const prisma = getPrisma();
    expect((await prisma.image.findUniqueOrThrow({ where: { id: inB.id } })).matchStatus).toBe("UNMATCHED");
    expect((await prisma.image.findUniqueOrThrow({ where: { id: inA.id } })).matchStatus).toBe("UNMATCHED");
    const runA = await reconcile({ batchId: a.batch.id });
    expect(runA.summary.matched).toBe(1);
  });

  it("is safe to run twice and skips a completed run", async () => {
    const c = await seedCollection();
    await seedProduct("VD24-0001", productScope(c));
    await seedImage("VD24-0001_01.jpg", scopeOf(c), { matchStatus: "PENDING" });
    const actor = await seedActor();
    const { runId } = await startReconciliation(actor, {}, async () => {});
    expect(await runReconciliation(runId)).toBe("success");
    expect(await runReconciliation(runId)).toBe("skipped");
    expect((await getReconciliationRunOrThrow(runId)).summary.matched).toBe(1);
  });

  it("rejects an unknown batch", async () => {
    const actor = await seedActor();
    await expect(
      startReconciliation(actor, { batchId: "01900000-0000-7000-8000-000000000000" }, async () => {}),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

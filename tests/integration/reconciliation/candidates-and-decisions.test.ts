import { beforeEach, describe, expect, it } from "vitest";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getPrisma } from "@/lib/db/client";
import { decideImageMatch } from "@/lib/reconciliation/decide-image-match";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { listReconciliationQueue } from "@/lib/reconciliation/list-reconciliation-queue";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { startReconciliation } from "@/lib/reconciliation/start-reconciliation";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "./seed";

beforeEach(async () => {
  await truncateAllTables();
  clearSkuIndexCache();
});

describe("candidates", () => {
  it("ranks the photo's scope with reasons, and boosts the SKU its siblings are linked to", async () => {
    const c = await seedCollection();
    const other = await seedCollection("Outra");
    const p0123 = await seedProduct("VD24-0123", productScope(c), { nomePeca: "Vestido" });
    await seedProduct("VD24-0132", productScope(c));
    await seedProduct("XX00-0001", productScope(c));
    await seedProduct("VD24-0124", productScope(other)); // other collection: not in scope
    const image = await seedImage("VD24-0l23_FRENTE.jpg", scopeOf(c), {
      matchStatus: "UNMATCHED",
      skuBase: "VD24-0l23",
    });

    const before = await getImageCandidates(image.id);
    const skus = before.candidates.map((x) => x.sku);
    expect(skus).toContain("VD24-0123");
    expect(skus).toContain("VD24-0132");
    expect(skus).not.toContain("XX00-0001");
    expect(skus).not.toContain("VD24-0124");
    const top = before.candidates[0]!;
    // "0l23": a lower-case L where the SKU has a 1 — a look-alike, said as such.
    expect(top.sku).toBe("VD24-0123");
    expect(top.reasons).toContain("likely_typo");
    expect(top.typoEdits).toEqual([{ kind: "lookalike", from: "L", to: "1" }]);
    expect(top.reasons).toContain("same_collection");
    expect(top.score).toBeGreaterThan(0);
    expect(top.score).toBeLessThanOrEqual(1);

    // A sibling (same sku_base, same collection) already linked by hand to VD24-0132 lifts it to the top.
    const p0132 = await getPrisma().product.findUniqueOrThrow({ where: { sku: "VD24-0132" } });
    await seedImage("VD24-0l23_COSTAS.jpg", scopeOf(c), {
      matchStatus: "MANUAL",
      productId: p0132.id,
      skuBase: "VD24-0l23",
    });
    const after = await getImageCandidates(image.id);
    expect(after.candidates[0]).toMatchObject({ sku: "VD24-0132", productId: p0132.id });
    expect(after.candidates[0]!.reasons).toContain("sibling_linked");
    expect(after.candidates.find((x) => x.sku === "VD24-0123")?.productId).toBe(p0123.id);
  });

  it("with q, searches any SKU of any collection by prefix or name", async () => {
    const c = await seedCollection();
    const other = await seedCollection("Outra");
    await seedProduct("CAM-777", productScope(other), { nomePeca: "Camisa listrada" });
    const image = await seedImage("IMG_4567.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
    expect((await getImageCandidates(image.id)).candidates).toEqual([]);
    const byPrefix = await getImageCandidates(image.id, { q: "cam-7" });
    expect(byPrefix.candidates.map((x) => x.sku)).toEqual(["CAM-777"]);
    expect(byPrefix.candidates[0]!.reasons).toContain("search_match");
    expect(byPrefix.candidates[0]!.collectionName).toBe("Outra");
    expect((await getImageCandidates(image.id, { q: "listrada" })).candidates.map((x) => x.sku)).toEqual(["CAM-777"]);
  });
});

describe("decisions", () => {
  it("links by hand (MANUAL) with who/when + audit, and a later reconcile never overrides it", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const wrong = await seedProduct("VD24-0002", productScope(c));
    await seedProduct("VD24-0001", productScope(c));
    const image = await seedImage("VD24-0001_01.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
    const noSku = await seedImage("VD24-0001_02.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });

    const result = await decideImageMatch(actor, image.id, { productId: wrong.id, applyToSkuBase: false });
    expect(result).toMatchObject({
      matchStatus: "MANUAL",
      productId: wrong.id,
      sku: "VD24-0002",
      imageIds: [image.id],
    });
    await decideImageMatch(actor, noSku.id, { noSku: true, applyToSkuBase: false });
    const prisma = getPrisma();
    const saved = await prisma.image.findUniqueOrThrow({ where: { id: image.id } });
    expect(saved).toMatchObject({ matchStatus: "MANUAL", productId: wrong.id, matchDecidedById: actor.id });
    expect(saved.matchDecidedAt).toBeInstanceOf(Date);
    const audit = await prisma.auditLog.findMany({ where: { action: "IMAGE_MATCH_DECIDED" } });
    expect(audit).toHaveLength(2);

    const { runId } = await startReconciliation(actor, {}, async () => {});
    await runReconciliation(runId);
    expect(await prisma.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      matchStatus: "MANUAL",
      productId: wrong.id,
    });
    expect(await prisma.image.findUniqueOrThrow({ where: { id: noSku.id } })).toMatchObject({
      matchStatus: "NO_SKU",
      productId: null,
    });
  });

  it("applyToSkuBase settles open photos with the same sku_base in the same collection only", async () => {
    const c = await seedCollection();
    const other = await seedCollection("Outra");
    const actor = await seedActor();
    const product = await seedProduct("VD24-0500", productScope(c));
    const decided = await seedProduct("VD24-0600", productScope(c));
    const a = await seedImage("VD24-05OO_01.jpg", scopeOf(c), { matchStatus: "UNMATCHED", skuBase: "VD24-05OO" });
    const b = await seedImage("VD24-05OO_02.jpg", scopeOf(c), { matchStatus: "AMBIGUOUS", skuBase: "VD24-05OO" });
    const manual = await seedImage("VD24-05OO_03.jpg", scopeOf(c), {
      matchStatus: "MANUAL",
      productId: decided.id,
      skuBase: "VD24-05OO",
    });
    const elsewhere = await seedImage("VD24-05OO_04.jpg", scopeOf(other), {
      matchStatus: "UNMATCHED",
      skuBase: "VD24-05OO",
    });
    const otherBase = await seedImage("VD24-0700_01.jpg", scopeOf(c), {
      matchStatus: "UNMATCHED",
      skuBase: "VD24-0700",
    });

    const result = await decideImageMatch(actor, a.id, { productId: product.id, applyToSkuBase: true });
    expect(new Set(result.imageIds)).toEqual(new Set([a.id, b.id]));
    const prisma = getPrisma();
    const rows = await prisma.image.findMany({
      where: { id: { in: [a.id, b.id, manual.id, elsewhere.id, otherBase.id] } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ matchStatus: "MANUAL", productId: product.id });
    expect(byId.get(b.id)).toMatchObject({ matchStatus: "MANUAL", productId: product.id });
    expect(byId.get(manual.id)).toMatchObject({ matchStatus: "MANUAL", productId: decided.id });
    expect(byId.get(elsewhere.id)).toMatchObject({ matchStatus: "UNMATCHED", productId: null });
    expect(byId.get(otherBase.id)).toMatchObject({ matchStatus: "UNMATCHED" });
  });

  it("refuses an unknown product or photo", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const image = await seedImage("X_01.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
    const missing = "01900000-0000-7000-8000-000000000000";
    await expect(
      decideImageMatch(actor, image.id, { productId: missing, applyToSkuBase: false }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decideImageMatch(actor, missing, { noSku: true, applyToSkuBase: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("Conciliação queue", () => {
  it("lists AMBIGUOUS first, then UNMATCHED, across keyset pages, filtered by batch", async () => {
    const c = await seedCollection();
    const other = await seedCollection("Outra");
    const u1 = await seedImage("U1.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
    const a1 = await seedImage("A1.jpg", scopeOf(c), { matchStatus: "AMBIGUOUS" });
    const u2 = await seedImage("U2.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
    const a2 = await seedImage("A2.jpg", scopeOf(c), { matchStatus: "AMBIGUOUS" });
    await seedImage("M.jpg", scopeOf(c), { matchStatus: "MATCHED" });
    await seedImage("N.jpg", scopeOf(c), { matchStatus: "NO_SKU" });
    await seedImage("O.jpg", scopeOf(other), { matchStatus: "UNMATCHED" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReconciliationQueue({ batchId: c.batch.id, limit: 3, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([a1.id, a2.id, u1.id, u2.id]);
    const pageOf1 = await listReconciliationQueue({ batchId: c.batch.id, limit: 2 });
    expect(pageOf1.nextCursor).toBe(`A:${a2.id}`);
  });
});

import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { listReconciliationQueue } from "@/lib/reconciliation/list-reconciliation-queue";
import { openReconciliationQueue } from "@/lib/reconciliation/open-reconciliation-queue";
import { truncateAllTables } from "../../support/db";
import { scopeOf, seedCollection, seedImage } from "./seed";

beforeEach(async () => {
  await truncateAllTables();
});

async function seedQueue() {
  const c = await seedCollection();
  for (const name of ["A1.jpg", "A2.jpg", "A3.jpg"]) await seedImage(name, scopeOf(c), { matchStatus: "AMBIGUOUS" });
  await seedImage("U1.jpg", scopeOf(c), { matchStatus: "UNMATCHED" });
  const whole = await listReconciliationQueue({ batchId: c.batch.id, limit: 100 });
  return { c, order: whole.items.map((i) => i.id) };
}

describe("Conciliação opened at one photo", () => {
  it("puts a photo beyond the first page first and selects it; the page and its cursor are otherwise the plain first page", async () => {
    const { c, order } = await seedQueue();
    const last = order.at(-1)!;
    const plain = await listReconciliationQueue({ batchId: c.batch.id, limit: 2 });
    expect(plain.items.map((i) => i.id)).not.toContain(last);

    const opened = await openReconciliationQueue({ batchId: c.batch.id, limit: 2, imageId: last });
    expect(opened.focus).toEqual({ state: "selected", imageId: last });
    expect(opened.items.map((i) => i.id)).toEqual([last, ...plain.items.map((i) => i.id)]);
    expect(opened.items[0]).toMatchObject({
      originalName: "U1.jpg",
      matchStatus: "UNMATCHED",
      batchId: c.batch.id,
      collectionName: c.collection.name,
    });
    expect(opened.nextCursor).toBe(plain.nextCursor);
  });

  it("leaves a photo of the first page where it is, once", async () => {
    const { c, order } = await seedQueue();
    const opened = await openReconciliationQueue({ batchId: c.batch.id, limit: 100, imageId: order[2]! });
    expect(opened.focus).toEqual({ state: "selected", imageId: order[2] });
    expect(opened.items.map((i) => i.id)).toEqual(order);
  });

  it("says a photo is decided (linked or sem SKU) or not in this queue (unknown, another batch, not read yet), and opens the plain queue", async () => {
    const { c, order } = await seedQueue();
    const other = await seedCollection("Outra");
    const cases = [
      [(await seedImage("M.jpg", scopeOf(c), { matchStatus: "MANUAL" })).id, "decided"],
      [(await seedImage("N.jpg", scopeOf(c), { matchStatus: "NO_SKU" })).id, "decided"],
      [(await seedImage("P.jpg", scopeOf(c), { matchStatus: "PENDING" })).id, "not-found"],
      [(await seedImage("O.jpg", scopeOf(other), { matchStatus: "AMBIGUOUS" })).id, "not-found"],
      [randomUUID(), "not-found"],
    ] as const;
    for (const [imageId, state] of cases) {
      const opened = await openReconciliationQueue({ batchId: c.batch.id, limit: 100, imageId });
      expect(opened.focus, imageId).toEqual({ state });
      expect(opened.items.map((i) => i.id)).toEqual(order);
    }
    // Without a batch filter the other batch's photo is in the queue.
    const unfiltered = await openReconciliationQueue({ limit: 100, imageId: cases[3][0] });
    expect(unfiltered.focus).toEqual({ state: "selected", imageId: cases[3][0] });
  });

  it("without imageId is the plain first page", async () => {
    const { c, order } = await seedQueue();
    const opened = await openReconciliationQueue({ batchId: c.batch.id, limit: 100 });
    expect(opened).toEqual({ items: expect.any(Array), nextCursor: null, focus: null });
    expect(opened.items.map((i) => i.id)).toEqual(order);
  });
});

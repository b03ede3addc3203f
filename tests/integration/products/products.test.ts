import { beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { changeImageStatus } from "@/lib/images/workflow-change-status";
import { createProduct } from "@/lib/products/create-product";
import { deleteProduct } from "@/lib/products/delete-product";
import { getProductOrThrow } from "@/lib/products/get-product";
import { listProducts } from "@/lib/products/list-products";
import { unlinkProductImage } from "@/lib/products/unlink-product-image";
import { updateProduct } from "@/lib/products/update-product";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "../reconciliation/seed";

beforeEach(truncateAllTables);

describe("products", () => {
  it("creates with CREATE history, refuses a taken SKU, and takes the brand from the collection", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const product = await createProduct(actor, {
      sku: "VD24-0001",
      nomePeca: "Vestido",
      collectionId: c.collection.id,
      categoria: null,
      subcategoria: null,
      tipoPeca: null,
      origem: null,
      cor: null,
    });
    expect(product).toMatchObject({ skuKey: "VD240001", brandId: c.brand.id });
    await expect(
      createProduct(actor, {
        sku: "VD24-0001",
        categoria: null,
        subcategoria: null,
        tipoPeca: null,
        origem: null,
        cor: null,
        nomePeca: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const detail = await getProductOrThrow(product.id);
    expect(detail.history).toMatchObject([{ action: "CREATE", sku: "VD24-0001" }]);
  });

  it("renames keeping the photos linked and writes RENAME/UPDATE history; renaming onto a taken SKU is a CONFLICT", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const product = await seedProduct("VD24-0001", productScope(c), { nomePeca: "Vestido" });
    await seedProduct("VD24-0002", productScope(c));
    const photo = await seedImage("VD24-0001_01.jpg", scopeOf(c), {
      matchStatus: "MATCHED",
      productId: product.id,
      sequence: "01",
    });

    const { changes } = await updateProduct(actor, product.id, { sku: "VD24-0001X", nomePeca: "Vestido longo" });
    expect(changes).toBe(2);
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: photo.id } })).productId).toBe(product.id);
    const detail = await getProductOrThrow(product.id);
    expect(detail.sku).toBe("VD24-0001X");
    expect(detail.photoGroups).toMatchObject([{ sequence: "01", photos: [{ id: photo.id }] }]);
    const history = detail.history.map((h) => ({
      action: h.action,
      field: h.field,
      oldValue: h.oldValue,
      newValue: h.newValue,
    }));
    expect(history).toEqual(
      expect.arrayContaining([
        { action: "RENAME", field: "sku", oldValue: "VD24-0001", newValue: "VD24-0001X" },
        { action: "UPDATE", field: "nomePeca", oldValue: "Vestido", newValue: "Vestido longo" },
      ]),
    );
    expect(detail.history[0]!.userName).toBe(actor.name);

    await expect(updateProduct(actor, product.id, { sku: "VD24-0002" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await updateProduct(actor, product.id, { nomePeca: "Vestido longo" })).changes).toBe(0);
  });

  it("deletes: photos go back to UNMATCHED (not MANUAL) and a DELETE history row stays", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const product = await seedProduct("VD24-0001", productScope(c));
    const a = await seedImage("VD24-0001_01.jpg", scopeOf(c), { matchStatus: "MATCHED", productId: product.id });
    const b = await seedImage("outro.jpg", scopeOf(c), { matchStatus: "MANUAL", productId: product.id });
    expect(await deleteProduct(actor, product.id)).toEqual({ unlinkedImages: 2 });
    const prisma = getPrisma();
    for (const id of [a.id, b.id])
      expect(await prisma.image.findUniqueOrThrow({ where: { id } })).toMatchObject({
        productId: null,
        matchStatus: "UNMATCHED",
      });
    expect(await prisma.product.count()).toBe(0);
    expect(await prisma.skuHistory.findMany({ where: { sku: "VD24-0001" } })).toMatchObject([
      { action: "DELETE", productId: null, userId: actor.id },
    ]);
    await expect(deleteProduct(actor, product.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("unlinks one photo into the Conciliação queue", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const product = await seedProduct("VD24-0001", productScope(c));
    const photo = await seedImage("VD24-0001_01.jpg", scopeOf(c), { matchStatus: "MATCHED", productId: product.id });
    await unlinkProductImage(actor, product.id, photo.id);
    expect(await getPrisma().image.findUniqueOrThrow({ where: { id: photo.id } })).toMatchObject({
      productId: null,
      matchStatus: "UNMATCHED",
    });
    await expect(unlinkProductImage(actor, product.id, photo.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists with search and keyset pagination", async () => {
    const c = await seedCollection();
    for (const sku of ["VD24-0003", "VD24-0001", "CAM-01", "VD24-0002"])
      await seedProduct(sku, productScope(c), { nomePeca: sku === "CAM-01" ? "Camisa" : "Vestido" });
    const first = await listProducts({ q: "vd24", limit: 2 });
    expect(first.items.map((p) => p.sku)).toEqual(["VD24-0001", "VD24-0002"]);
    const second = await listProducts({ q: "vd24", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.sku)).toEqual(["VD24-0003"]);
    expect(second.nextCursor).toBeNull();
    expect((await listProducts({ q: "camis", limit: 10 })).items.map((p) => p.sku)).toEqual(["CAM-01"]);
    expect((await listProducts({ q: "vd240002", limit: 10 })).items.map((p) => p.sku)).toEqual(["VD24-0002"]);
    // By the SKU's key: case and separators do not matter; a name containing the text counts too.
    expect((await listProducts({ q: "Vd24.000", limit: 10 })).items.map((p) => p.sku)).toEqual([
      "VD24-0001",
      "VD24-0002",
      "VD24-0003",
    ]);
    expect((await listProducts({ q: "cam-0", limit: 10 })).items.map((p) => p.sku)).toEqual(["CAM-01"]);
    expect((await listProducts({ q: "estid", limit: 10 })).items.map((p) => p.sku)).toHaveLength(3);
    expect((await listProducts({ q: "-", limit: 10 })).items).toEqual([]);
  });
});

describe("image status workflow", () => {
  it("changes one or many photos with an audit row each, and refuses invalid transitions without partial changes", async () => {
    const c = await seedCollection();
    const actor = await seedActor();
    const a = await seedImage("a.jpg", scopeOf(c));
    const b = await seedImage("b.jpg", scopeOf(c));
    const approved = await seedImage("c.jpg", scopeOf(c), { status: "APROVADO" });

    expect(await changeImageStatus(actor, [a.id, b.id, approved.id].slice(0, 2), "APROVADO")).toEqual({
      changed: [a.id, b.id],
      unchanged: [],
    });
    const prisma = getPrisma();
    const audit = await prisma.auditLog.findMany({ where: { action: "IMAGE_STATUS_CHANGED" }, orderBy: { id: "asc" } });
    expect(audit.map((r) => [r.entityId, r.data])).toEqual([
      [a.id, { from: "PENDENTE", to: "APROVADO" }],
      [b.id, { from: "PENDENTE", to: "APROVADO" }],
    ]);

    const pending = await seedImage("d.jpg", scopeOf(c));
    await expect(changeImageStatus(actor, [approved.id, pending.id], "PENDENTE_ANALISE_IA")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Pendente → Pendente Análise IA"),
    });
    expect((await prisma.image.findUniqueOrThrow({ where: { id: approved.id } })).status).toBe("APROVADO");

    expect(await changeImageStatus(actor, [approved.id, a.id], "PENDENTE_ANALISE_IA")).toEqual({
      changed: [approved.id, a.id],
      unchanged: [],
    });
    expect(await changeImageStatus(actor, [a.id], "PENDENTE_ANALISE_IA")).toEqual({ changed: [], unchanged: [a.id] });
    await expect(changeImageStatus(actor, ["01900000-0000-7000-8000-000000000000"], "APROVADO")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

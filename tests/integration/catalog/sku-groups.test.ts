// GET /api/v1/products/groups: the por SKU groups — grouping, angle order, keyset pages, the filters, bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listGroupsRoute } from "@/app/api/v1/products/groups/route";
import { encodeImageCursor } from "@/lib/images/image-cursor";
import { skuGroupPageSchema } from "@/lib/products/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, seedImage, seedProduct, seedScope, type Auth, type Scope } from "./seed";

let auth: Auth;
let alfa: Scope;
let beta: Scope;
const products: Record<string, string> = {};

async function groups(query: string) {
  const res = await listGroupsRoute(getRequest(auth, `/api/v1/products/groups?${query}`), params({}));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return skuGroupPageSchema.parse(body);
}

async function refused(query: string): Promise<{ status: number; error: string }> {
  const res = await listGroupsRoute(getRequest(auth, `/api/v1/products/groups?${query}`), params({}));
  return { status: res.status, error: (await res.json()).error };
}

/** Each group as `key count`, in the answer's order. */
async function summary(query: string): Promise<string[]> {
  return (await groups(query)).items.map((g) => `${g.sku ?? "none"} ${g.count}`);
}

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("VIEWER");
  alfa = await seedScope("Marca Grupos", "Verão Grupos");
  beta = await seedScope("Marca Outra", "Inverno Grupos");
  const calca = await seedProduct("GR26-0001", alfa, { nomePeca: "Calça Reta", categoria: "Calças" });
  const camisa = await seedProduct("GR26-0002", alfa, { nomePeca: "Camisa Polo" });
  const casaco = await seedProduct("GR26-0003", beta, { nomePeca: "Casaco" });
  Object.assign(products, { calca: calca.id, camisa: camisa.id, casaco: casaco.id });
  // Out of angle order on purpose: arrival (id) order is not what the group must show.
  for (const sequence of ["DETALHE", "COSTAS", "01", "FRENTE"])
    await seedImage(`GR26-0001_${sequence}.jpg`, alfa, {
      skuBase: "GR26-0001",
      sequence,
      productId: calca.id,
      matchStatus: "MATCHED",
      status: sequence === "COSTAS" ? "APROVADO" : "PENDENTE",
    });
  for (let n = 10; n >= 1; n--) {
    const sequence = String(n).padStart(2, "0");
    await seedImage(`GR26-0002_${sequence}.jpg`, alfa, {
      skuBase: "GR26-0002",
      sequence,
      productId: camisa.id,
      matchStatus: "MATCHED",
    });
  }
  // A photo linked by hand to a product whose SKU is not the one in its name joins the product.
  await seedImage("OUTRO-NOME_LADO.jpg", alfa, {
    skuBase: "OUTRO-NOME",
    sequence: "LADO",
    productId: calca.id,
    matchStatus: "MANUAL",
  });
  for (const sequence of ["COSTAS", "FRENTE"])
    await seedImage(`ZZ26-0001_${sequence}.jpg`, alfa, { skuBase: "ZZ26-0001", sequence, matchStatus: "UNMATCHED" });
  await seedImage("sem-sku.jpg", alfa, { matchStatus: "NO_SKU" });
  await seedImage("GR26-0003_01.jpg", beta, {
    skuBase: "GR26-0003",
    sequence: "01",
    productId: casaco.id,
    matchStatus: "MATCHED",
  });
});

describe("por SKU groups", () => {
  it("groups by linked product, else by sku_base, then the photos without SKU, each with its count", async () => {
    const page = await groups(`collectionId=${alfa.collection.id}`);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((g) => g.kind)).toEqual(["product", "product", "skuBase", "none"]);
    const byKey = new Map(page.items.map((g) => [g.key, g]));
    const calca = byKey.get(`product:${products.calca}`)!;
    expect(calca).toMatchObject({ kind: "product", sku: "GR26-0001", productName: "Calça Reta", count: 5 });
    expect(byKey.get(`product:${products.camisa}`)).toMatchObject({ sku: "GR26-0002", count: 10 });
    expect(page.items[2]).toMatchObject({ key: "base:ZZ26-0001", sku: "ZZ26-0001", productId: null, count: 2 });
    expect(page.items[3]).toMatchObject({ key: "none", sku: null, productId: null, productName: null, count: 1 });
    expect(page.items[3]!.images.map((i) => i.originalName)).toEqual(["sem-sku.jpg"]);
  });

  it("gives each group its first 8 photos in angle order, as items of the image list", async () => {
    const page = await groups(`collectionId=${alfa.collection.id}`);
    const byKey = new Map(page.items.map((g) => [g.key, g]));
    expect(byKey.get(`product:${products.calca}`)!.images.map((i) => i.sequence)).toEqual([
      "01",
      "FRENTE",
      "COSTAS",
      "LADO",
      "DETALHE",
    ]);
    const camisa = byKey.get(`product:${products.camisa}`)!;
    expect(camisa.images.map((i) => i.sequence)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08"]);
    expect(camisa.images[0]).toMatchObject({ sku: "GR26-0002", productId: products.camisa, thumbnailUrl: null });
    expect(byKey.get("base:ZZ26-0001")!.images.map((i) => i.sequence)).toEqual(["FRENTE", "COSTAS"]);
  });

  it("pages by keyset on the group key: every group once, in the same order as one page", async () => {
    const whole = (await groups("limit=100")).items.map((g) => g.key);
    expect(whole).toHaveLength(5);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await groups(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((g) => g.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(walked).toEqual(whole);
  });

  it("applies the image filters to the groups and to their counts and photos", async () => {
    expect(await summary("status=APROVADO")).toEqual(["GR26-0001 1"]);
    expect((await groups("status=APROVADO")).items[0]!.images.map((i) => i.sequence)).toEqual(["COSTAS"]);
    expect(await summary(`collectionId=${beta.collection.id}`)).toEqual(["GR26-0003 1"]);
    expect(await summary(`brandId=${beta.brand.id}&collectionId=${alfa.collection.id}`)).toEqual([]);
    expect(await summary("hasProduct=false")).toEqual(["ZZ26-0001 2", "none 1"]);
    expect(await summary(`hasProduct=true&collectionId=${alfa.collection.id}`)).toHaveLength(2);
    expect(await summary("matchStatus=MANUAL")).toEqual(["GR26-0001 1"]);
    // The search is accent- and case-insensitive, over names and the product's SKU / nome_peca.
    expect(await summary("q=zz26")).toEqual(["ZZ26-0001 2"]);
    expect(await summary("q=CALCA")).toEqual(["GR26-0001 5"]);
    expect(await summary("sku=GR26-0002&sort=recent")).toEqual(["GR26-0002 10"]);
    expect(await summary("categoria=calcas")).toEqual(["GR26-0001 5"]);
  });

  it("refuses a malformed cursor, another endpoint's cursor, a limit over 100 and unknown parameters", async () => {
    expect(await refused("cursor=not-a-cursor")).toEqual({ status: 400, error: "VALIDATION_FAILED" });
    const imageCursor = encodeImageCursor({ sort: "arrival", id: products.calca! });
    expect(await refused(`cursor=${imageCursor}`)).toEqual({ status: 400, error: "VALIDATION_FAILED" });
    const forged = Buffer.from(JSON.stringify(["g", "1:nope"])).toString("base64url");
    expect(await refused(`cursor=${forged}`)).toEqual({ status: 400, error: "VALIDATION_FAILED" });
    expect(await refused("limit=101")).toEqual({ status: 400, error: "VALIDATION_FAILED" });
    expect(await refused("groupBy=sku")).toEqual({ status: 400, error: "VALIDATION_FAILED" });
    expect(await refused("status=APPROVED")).toEqual({ status: 400, error: "VALIDATION_FAILED" });
  });
});

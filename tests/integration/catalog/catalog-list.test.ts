// GET /api/v1/images as the catalog: every filter, the accent-insensitive search, cursors per sort, bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listImagesRoute } from "@/app/api/v1/images/route";
import { getPrisma } from "@/lib/db/client";
import { encodeImageCursor } from "@/lib/images/image-cursor";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, seedImage, seedProduct, seedScope, type Auth, type Scope } from "./seed";

let auth: Auth;
let alfa: Scope;
let beta: Scope;
const ids: Record<string, string> = {};

type Item = { id: string; originalName: string; aiStatus: string; isDuplicate: boolean };

async function list(query: string): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await listImagesRoute(getRequest(auth, `/api/v1/images?${query}`), params({}));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** The names of the photos the query finds, sorted (the filters are checked, not the order). */
async function namesOf(query: string): Promise<string[]> {
  return (await list(`${query}&limit=500`)).items.map((i) => i.originalName).sort();
}

async function status(query: string): Promise<{ status: number; error: string }> {
  const res = await listImagesRoute(getRequest(auth, `/api/v1/images?${query}`), params({}));
  return { status: res.status, error: (await res.json()).error };
}

/** Every page of a query, `limit` at a time. */
async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("VIEWER");
  alfa = await seedScope("Marca Alfa", "Verão 26");
  beta = await seedScope("Marca Beta", "Inverno 26");
  const calca = await seedProduct("VD26-0001", alfa, {
    nomePeca: "Calça Jeans Reta",
    categoria: "Calças",
    tipoPeca: "Jeans",
    cor: "Azul Índigo",
  });
  const camisa = await seedProduct("VD26-0002", alfa, {
    nomePeca: "CAMISÃO Polo",
    categoria: "Camisas",
    cor: "Branco",
  });
  const rows: [string, Scope, Parameters<typeof seedImage>[2]][] = [
    [
      "a1",
      alfa,
      { skuBase: "VD26-0001", sequence: "01", productId: calca.id, matchStatus: "MATCHED", status: "APROVADO" },
    ],
    ["a2", alfa, { skuBase: "VD26-0001", sequence: "02", productId: calca.id, matchStatus: "MATCHED" }],
    [
      "a3",
      alfa,
      {
        skuBase: "VD26-0002",
        sequence: "FRENTE",
        productId: camisa.id,
        matchStatus: "MATCHED",
        aiDescription: "Jaqueta de couro marrom",
        aiTags: ["inverno", "couro"],
        aiAnalyzedAt: new Date(),
        aiColor: "Marrom",
      },
    ],
    ["a4", alfa, { matchStatus: "NO_SKU", status: "PENDENTE_ANALISE_IA" }],
    [
      "a5",
      alfa,
      {
        skuBase: "VD26-9999",
        sequence: "01",
        matchStatus: "UNMATCHED",
        aiError: "timeout",
        aiTitle: "Bolsa marron",
        processingStatus: "FAILED",
      },
    ],
    [
      "b1",
      beta,
      { skuBase: "INV-0001", sequence: "01", matchStatus: "UNMATCHED", createdAt: new Date("2025-01-15T12:00:00Z") },
    ],
  ];
  const names: Record<string, string> = {
    a1: "VD26-0001_01.jpg",
    a2: "VD26-0001_02.jpg",
    a3: "VD26-0002_FRENTE.jpg",
    a4: "SEM-SKU.jpg",
    a5: "VD26-9999_01.jpg",
    b1: "INV-0001_01.jpg",
  };
  for (const [key, scope, fields] of rows) ids[key] = (await seedImage(names[key]!, scope, fields)).id;
  // Ties for the sorts: the same file name and the same sku_base + sequence, in two batches.
  for (let n = 0; n < 5; n++)
    ids[`tie${n}`] = (await seedImage("EMPATE.jpg", n % 2 ? alfa : beta, { skuBase: "TIE-1", sequence: "01" })).id;
});

describe("catalog filters", () => {
  it("filters by brand, collection and batch", async () => {
    expect(await namesOf(`brandId=${beta.brand.id}`)).toEqual([
      "EMPATE.jpg",
      "EMPATE.jpg",
      "EMPATE.jpg",
      "INV-0001_01.jpg",
    ]);
    expect(await namesOf(`collectionId=${beta.collection.id}&brandId=${beta.brand.id}`)).toHaveLength(4);
    expect(await namesOf(`collectionId=${alfa.collection.id}&brandId=${beta.brand.id}`)).toEqual([]);
    expect(await namesOf(`batchId=${alfa.batch.id}&sort=name`)).toHaveLength(7);
    expect(await namesOf(`batchId=${alfa.batch.id}`)).toHaveLength(7);
  });

  it("filters by workflow, match, processing and AI status", async () => {
    expect(await namesOf("status=APROVADO")).toEqual(["VD26-0001_01.jpg"]);
    expect(await namesOf("matchStatus=NO_SKU")).toEqual(["SEM-SKU.jpg"]);
    expect(await namesOf("processingStatus=FAILED")).toEqual(["VD26-9999_01.jpg"]);
    expect(await namesOf("aiStatus=ANALYZED")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("aiStatus=QUEUED")).toEqual(["SEM-SKU.jpg"]);
    expect(await namesOf("aiStatus=FAILED")).toEqual(["VD26-9999_01.jpg"]);
    expect(await namesOf("aiStatus=NONE&brandId=" + alfa.brand.id)).toEqual([
      "EMPATE.jpg",
      "EMPATE.jpg",
      "VD26-0001_01.jpg",
      "VD26-0001_02.jpg",
    ]);
    // The filter (SQL) and the answer's aiStatus (TypeScript) apply the same rule.
    for (const aiStatus of ["NONE", "QUEUED", "ANALYZED", "FAILED"]) {
      const items = (await list(`aiStatus=${aiStatus}&limit=500`)).items;
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((i) => i.aiStatus))).toEqual(new Set([aiStatus]));
    }
    expect((await list("limit=500")).items).toHaveLength(11);
  });

  it("filters by product link, colour, categoria and tipo_peca, accent- and case-insensitively", async () => {
    expect(await namesOf("hasProduct=true")).toEqual(["VD26-0001_01.jpg", "VD26-0001_02.jpg", "VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("hasProduct=false")).toHaveLength(8);
    expect(await namesOf("categoria=calcas")).toEqual(["VD26-0001_01.jpg", "VD26-0001_02.jpg"]);
    expect(await namesOf("tipoPeca=JEANS")).toEqual(["VD26-0001_01.jpg", "VD26-0001_02.jpg"]);
    expect(await namesOf("categoria=Camisas&tipoPeca=Jeans")).toEqual([]);
    // Colour: the AI / editorial colour of the photo or the carteira colour of its product.
    expect(await namesOf("color=marrom")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf(`color=${encodeURIComponent("azul indigo")}`)).toEqual([
      "VD26-0001_01.jpg",
      "VD26-0001_02.jpg",
    ]);
  });

  it("filters by arrival date, a day being the whole UTC day and `to` inclusive of it", async () => {
    expect(await namesOf("from=2025-01-15&to=2025-01-15")).toEqual(["INV-0001_01.jpg"]);
    expect(await namesOf("to=2025-01-14")).toEqual([]);
    expect(await namesOf("from=2025-01-15T12:00:01Z&to=2025-02-01")).toEqual([]);
    expect(await namesOf("from=2025-02-01")).toHaveLength(10);
  });

  it("pages a date range by cursor in every sort as its one-page list orders it (found first, then sorted)", async () => {
    for (const sort of ["arrival", "recent", "name", "sku"]) {
      const whole = (await list(`from=2025-02-01&sort=${sort}&limit=500`)).items.map((i) => i.id);
      expect(whole).toHaveLength(10);
      expect(await walk(`from=2025-02-01&sort=${sort}`, 3)).toEqual(whole);
    }
  });

  it("keeps the sku filter: product SKU or filename sku_base", async () => {
    expect(await namesOf("sku=VD26-0001")).toEqual(["VD26-0001_01.jpg", "VD26-0001_02.jpg"]);
    expect(await namesOf("sku=INV-0001")).toEqual(["INV-0001_01.jpg"]);
  });
});

describe("catalog search", () => {
  it("finds nome_peca without its accents and in any case", async () => {
    const calca = ["VD26-0001_01.jpg", "VD26-0001_02.jpg"];
    expect(await namesOf(`q=${encodeURIComponent("calca jeans")}`)).toEqual(calca);
    expect(await namesOf(`q=${encodeURIComponent("CALÇA")}`)).toEqual(calca);
    expect(await namesOf(`q=${encodeURIComponent("jeans calça")}`)).toEqual(calca);
    expect(await namesOf(`q=camisao`)).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf(`q=${encodeURIComponent("calça camisão")}`)).toEqual([]);
  });

  it("finds file names, SKUs, sku_base and AI text", async () => {
    expect(await namesOf("q=frente")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("q=vd26-0001")).toEqual(["VD26-0001_01.jpg", "VD26-0001_02.jpg"]);
    expect(await namesOf("q=9999")).toEqual(["VD26-9999_01.jpg"]);
    expect(await namesOf("q=couro")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("q=INVERNO")).toEqual(["VD26-0002_FRENTE.jpg"]);
  });

  it("finds a misspelt word by trigram similarity, and not the unrelated photos", async () => {
    expect(await namesOf("q=jaquta")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("q=camizao")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("q=xyzwq")).toEqual([]);
    // A word found as typed does not bring its look-alikes.
    expect(await namesOf("q=marrom")).toEqual(["VD26-0002_FRENTE.jpg"]);
    expect(await namesOf("q=marron")).toEqual(["VD26-9999_01.jpg"]);
    expect(await namesOf("q=marrrom")).toEqual(["VD26-0002_FRENTE.jpg", "VD26-9999_01.jpg"]);
  });

  it("treats LIKE wildcards in the search as text", async () => {
    expect(await namesOf("q=%25")).toEqual([]);
    expect(await namesOf("q=_")).toEqual([
      "INV-0001_01.jpg",
      "VD26-0001_01.jpg",
      "VD26-0001_02.jpg",
      "VD26-0002_FRENTE.jpg",
      "VD26-9999_01.jpg",
    ]);
  });

  it("combines the search with the other filters", async () => {
    expect(await namesOf(`q=vd26&status=APROVADO`)).toEqual(["VD26-0001_01.jpg"]);
    expect(await namesOf(`q=empate&brandId=${alfa.brand.id}`)).toEqual(["EMPATE.jpg", "EMPATE.jpg"]);
  });
});

describe("catalog cursors", () => {
  const all = () => Object.values(ids).sort();

  it.each(["arrival", "recent", "sku", "name"])(
    "sort=%s: every page size walks every photo once, in the order of one unpaged list",
    async (sort) => {
      const full = (await list(`sort=${sort}&limit=500`)).items.map((i) => i.id);
      expect([...full].sort()).toEqual(all());
      for (const limit of [1, 2, 3, 4]) expect(await walk(`sort=${sort}`, limit)).toEqual(full);
    },
  );

  it("orders arrival by id, recent newest first, sku by sku_base then sequence with no SKU last, ties by id", async () => {
    const arrival = (await list("sort=arrival&limit=500")).items.map((i) => i.id);
    expect(arrival).toEqual(all());
    expect((await list("limit=500")).items.map((i) => i.id)).toEqual(arrival);
    expect((await list("sort=recent&limit=500")).items.map((i) => i.id)).toEqual([...arrival].reverse());
    const sku = (await list("sort=sku&limit=500")).items.map((i) => i.id);
    expect(sku.slice(0, 6)).toEqual([ids.b1, ids.tie0, ids.tie1, ids.tie2, ids.tie3, ids.tie4]);
    expect(sku.slice(6)).toEqual([ids.a1, ids.a2, ids.a3, ids.a5, ids.a4]);
    const name = (await list("sort=name&limit=500")).items.map((i) => i.id);
    const tieIds = [ids.tie0, ids.tie1, ids.tie2, ids.tie3, ids.tie4];
    const firstTie = name.indexOf(ids.tie0!);
    expect(name.slice(firstTie, firstTie + 5)).toEqual(tieIds);
  });

  it("walks a filtered sort, with the cursor crossing ties", async () => {
    const query = `sort=name&q=empate`;
    expect(await walk(query, 2)).toEqual([ids.tie0, ids.tie1, ids.tie2, ids.tie3, ids.tie4]);
    expect(await walk(`sort=sku&brandId=${alfa.brand.id}`, 2)).toEqual([
      ids.tie1,
      ids.tie3,
      ids.a1,
      ids.a2,
      ids.a3,
      ids.a5,
      ids.a4,
    ]);
    expect(await walk(`batchId=${beta.batch.id}&sort=recent`, 1)).toEqual([ids.tie4, ids.tie2, ids.tie0, ids.b1]);
  });

  it("refuses a malformed cursor and a cursor of another sort with 400 VALIDATION_FAILED", async () => {
    const nameCursor = encodeImageCursor({ sort: "name", originalName: "A", id: ids.a1! });
    for (const query of [
      "cursor=abc",
      "cursor=" + ids.a1,
      `cursor=${nameCursor}&sort=sku`,
      `cursor=${nameCursor}`,
      `cursor=${Buffer.from('["sku",1,2,3]').toString("base64url")}&sort=sku`,
      `cursor=${Buffer.from('["arrival","x"]').toString("base64url")}`,
      `cursor=${"x".repeat(2000)}`,
    ])
      expect(await status(query), query).toEqual({ status: 400, error: "VALIDATION_FAILED" });
  });
});

describe("catalog bad input", () => {
  it.each([
    "limit=501",
    "limit=0",
    `q=${"a".repeat(10_000)}`,
    `q=${"a ".repeat(20)}`,
    "status=PUBLICADO",
    "matchStatus=maybe",
    "processingStatus=DONE",
    "aiStatus=analisada",
    "sort=price",
    "hasProduct=sim",
    "from=ontem",
    "to=2025-13-45",
    "brandId=not-a-uuid",
    "colour=azul",
    "color=",
  ])("%s → 400 VALIDATION_FAILED", async (query) => {
    expect(await status(query)).toEqual({ status: 400, error: "VALIDATION_FAILED" });
  });
});

// The stored search text (image_search_text migration) follows the writes it is made of.
describe("catalog search after edits", () => {
  it("follows a product's new nome_peca, a photo's new link and its new AI text", async () => {
    const prisma = getPrisma();
    const product = await seedProduct("ZZ-777", beta, { nomePeca: "Vestido Midi Tricoline" });
    const photo = await seedImage("RENOMEADA.jpg", beta);
    expect(await namesOf("q=midi")).toEqual([]);
    expect(await namesOf("q=tricolyne")).toEqual([]);
    await prisma.image.update({ where: { id: photo.id }, data: { productId: product.id } });
    expect(await namesOf("q=midi")).toEqual(["RENOMEADA.jpg"]);
    // Each write also brings its new words to the misspelling search (search_words migration).
    expect(await namesOf("q=tricolyne")).toEqual(["RENOMEADA.jpg"]);
    expect(await namesOf("q=plisada")).toEqual([]);
    await prisma.product.update({ where: { id: product.id }, data: { nomePeca: "Saia Plissada" } });
    expect(await namesOf("q=midi")).toEqual([]);
    expect(await namesOf("q=plissada")).toEqual(["RENOMEADA.jpg"]);
    expect(await namesOf("q=plisada")).toEqual(["RENOMEADA.jpg"]);
    expect(await namesOf("q=organsa")).toEqual([]);
    await prisma.image.update({ where: { id: photo.id }, data: { aiTitle: "Saia de tule organza" } });
    expect(await namesOf("q=tule")).toEqual(["RENOMEADA.jpg"]);
    expect(await namesOf("q=organsa")).toEqual(["RENOMEADA.jpg"]);
    await prisma.product.delete({ where: { id: product.id } });
    expect(await namesOf("q=plissada")).toEqual([]);
    expect(await namesOf("q=tule")).toEqual(["RENOMEADA.jpg"]);
    await prisma.image.delete({ where: { id: photo.id } });
  });
});

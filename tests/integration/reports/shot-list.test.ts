import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as listsRoute, PUT as putRoute } from "@/app/api/v1/collections/[id]/shot-list/route";
import { GET as exportRoute } from "@/app/api/v1/reports/shot-list/export/route";
import { GET as reportRoute } from "@/app/api/v1/reports/shot-list/route";
import { GET as bankGet, PUT as bankPut } from "@/app/api/v1/shot-lists/route";
import type { Role } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { saveShotList } from "@/lib/reports/shot-list/shot-list-config";
import { shotListReportQuerySchema } from "@/lib/reports/shot-list/schemas";
import {
  getShotListSummary,
  listShotListMatrix,
  loadShotListScope,
  matrixPageSql,
  summarySql,
} from "@/lib/reports/shot-list/shot-list-report";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "../reconciliation/seed";

beforeEach(truncateAllTables);

const BASE = "http://localhost:3000/api/v1";

async function cookieOf(role: Role) {
  const actor = await seedActor(role);
  const token = await encode({
    token: { sub: actor.id, signedInAt: Date.now() },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return { cookie: `next-auth.session-token=${token}`, origin: "http://localhost:3000" };
}

async function call<P>(
  handler: (r: Request, c: { params: Promise<P> }) => Promise<Response>,
  url: string,
  options: { role?: Role; params?: P; method?: string; body?: unknown } = {},
) {
  const headers = new Headers(await cookieOf(options.role ?? "VIEWER"));
  if (options.body !== undefined) headers.set("content-type", "application/json");
  return handler(
    new Request(url, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? ({} as P)) },
  );
}

const FRENTE_COSTAS = [
  { name: "FRENTE", aliases: ["_01", "F"] },
  { name: "COSTAS", aliases: ["_02"] },
];

/**
 * Verão (FRENTE, COSTAS for the collection; FRENTE, COSTAS, DETALHE for its VESTIDO SKUs) and
 * Inverno (FRENTE only):
 *  - A (BLUSA, forn. Alfa): 01 + COSTAS → complete
 *  - B (BLUSA, forn. Alfa): 01 only → falta COSTAS; also an unknown sequence, and a FAILED 02
 *  - C (VESTIDO, forn. Beta): F + 02 → falta DETALHE (its categoria's list)
 *  - D (BLUSA, no fornecedor): 02, but uploaded in Inverno's batch → falta FRENTE, COSTAS
 *  - I1 (Inverno): frente → complete
 */
async function seedMatrix() {
  const admin = await seedActor("ADMIN");
  const verao = await seedCollection("Verão");
  const inverno = await seedCollection("Inverno");
  await saveShotList(admin, verao.collection.id, { angles: FRENTE_COSTAS });
  await saveShotList(admin, verao.collection.id, {
    categoria: "VESTIDO",
    angles: [...FRENTE_COSTAS, { name: "DETALHE", aliases: ["03"] }],
  });
  await saveShotList(admin, inverno.collection.id, { angles: [{ name: "FRENTE", aliases: [] }] });
  const product = async (sku: string, c: typeof verao, categoria: string, fornecedor?: string) => {
    const p = await seedProduct(sku, productScope(c), { categoria, nomePeca: `Peça ${sku}` });
    if (fornecedor) await getPrisma().product.update({ where: { id: p.id }, data: { extra: { fornecedor } } });
    return p;
  };
  const a = await product("SL-A", verao, "BLUSA", "Alfa");
  const b = await product("SL-B", verao, "BLUSA", "Alfa");
  const c = await product("SL-C", verao, "VESTIDO", "Beta");
  const d = await product("SL-D", verao, "BLUSA");
  const i1 = await product("SL-I1", inverno, "BLUSA");
  await seedProduct("SEM-LISTA", null);
  const photo = (name: string, s: typeof verao, productId: string, sequence: string, processingStatus?: "FAILED") =>
    seedImage(name, scopeOf(s), {
      matchStatus: "MATCHED",
      productId,
      sequence,
      processingStatus: processingStatus ?? "READY",
    });
  await photo("SL-A_01.jpg", verao, a.id, "01");
  await photo("SL-A_COSTAS.jpg", verao, a.id, "COSTAS");
  await photo("SL-B_01.jpg", verao, b.id, "01");
  await photo("SL-B_01 (2).jpg", verao, b.id, "01 (2)");
  await photo("SL-B_LADO.jpg", verao, b.id, "LADO");
  await photo("SL-B_02.jpg", verao, b.id, "02", "FAILED");
  await photo("SL-C_F.jpg", verao, c.id, "F");
  await photo("SL-C_02.jpg", verao, c.id, "02");
  await photo("SL-D_02.jpg", inverno, d.id, "02");
  await photo("SL-I1_frente.jpg", inverno, i1.id, "frente");
  return { admin, verao, inverno };
}

describe("shot-list matrix", () => {
  it("marks each SKU's angles from its photos' sequences and says what is missing", async () => {
    const { verao } = await seedMatrix();
    const page = await listShotListMatrix({ collectionId: verao.collection.id, limit: 100 });
    expect(
      page.items.map((r) => [r.sku, r.cells.map((c) => `${c.angle}:${c.hasPhoto ? "ok" : "falta"}`), r.missing]),
    ).toEqual([
      ["SL-A", ["FRENTE:ok", "COSTAS:ok"], []],
      ["SL-B", ["FRENTE:ok", "COSTAS:falta"], ["COSTAS"]],
      ["SL-C", ["FRENTE:ok", "COSTAS:ok", "DETALHE:falta"], ["DETALHE"]],
      ["SL-D", ["FRENTE:falta", "COSTAS:falta"], ["FRENTE", "COSTAS"]],
    ]);
    expect(page.items[1]).toMatchObject({
      fornecedor: "Alfa",
      categoria: "BLUSA",
      collectionName: "Verão",
      isComplete: false,
    });
    expect(page.nextCursor).toBeNull();
  });

  it("pages by keyset and filters by brand, collection, categoria, fornecedor and only incomplete", async () => {
    const { verao, inverno } = await seedMatrix();
    const skus = async (q: Parameters<typeof listShotListMatrix>[0]) =>
      (await listShotListMatrix(q)).items.map((r) => r.sku);
    const first = await listShotListMatrix({ limit: 2 });
    expect(first.items.map((r) => r.sku)).toEqual(["SL-A", "SL-B"]);
    expect(first.nextCursor).toBe("SL-B");
    expect(await skus({ limit: 2, cursor: "SL-B" })).toEqual(["SL-C", "SL-D"]);
    expect(await skus({ limit: 10, cursor: "SL-D" })).toEqual(["SL-I1"]);
    expect(await skus({ limit: 100, collectionId: inverno.collection.id })).toEqual(["SL-I1"]);
    expect(await skus({ limit: 100, brandId: verao.brand.id })).toEqual(["SL-A", "SL-B", "SL-C", "SL-D", "SL-I1"]);
    expect(await skus({ limit: 100, categoria: "VESTIDO" })).toEqual(["SL-C"]);
    expect(await skus({ limit: 100, fornecedor: "Alfa" })).toEqual(["SL-A", "SL-B"]);
    expect(await skus({ limit: 100, incomplete: true })).toEqual(["SL-B", "SL-C", "SL-D"]);
    expect(await skus({ limit: 1, incomplete: true, cursor: "SL-B" })).toEqual(["SL-C"]);
    expect(await skus({ limit: 100, fornecedor: "Ninguém" })).toEqual([]);
  });

  it("gives completion per collection, fornecedor and categoria", async () => {
    const { verao } = await seedMatrix();
    const summary = await getShotListSummary({});
    // SKUs: A ✓, B ✗, C ✗, D ✗, I1 ✓ → 2/5; angle cells: 2+1+2+0+1 = 6 of 2+2+3+2+1 = 10.
    expect(summary.totals).toEqual({
      totalSkus: 5,
      completeSkus: 2,
      totalAngles: 10,
      anglesWithPhoto: 6,
      percentComplete: 40,
      percentAngles: 60,
    });
    const brief = (g: { label: string; completeSkus: number; totalSkus: number; percentAngles: number }) => [
      g.label,
      g.completeSkus,
      g.totalSkus,
      g.percentAngles,
    ];
    expect(summary.byCollection.map(brief)).toEqual([
      ["Marca Teste · Inverno", 1, 1, 100],
      ["Marca Teste · Verão", 1, 4, 55],
    ]);
    expect(summary.byFornecedor.map(brief)).toEqual([
      ["Alfa", 1, 2, 75],
      ["Beta", 0, 1, 66],
      ["", 1, 2, 33],
    ]);
    expect(summary.byCategoria.map(brief)).toEqual([
      ["BLUSA", 2, 4, 57],
      ["VESTIDO", 0, 1, 66],
    ]);
    const only = await getShotListSummary({ collectionId: verao.collection.id, fornecedor: "Alfa" });
    expect(only.totals).toMatchObject({ totalSkus: 2, completeSkus: 1, percentComplete: 50 });
  });

  it("counts a photo once an alias is added, and leaves collections without a list out", async () => {
    const { admin, verao } = await seedMatrix();
    const before = await listShotListMatrix({ collectionId: verao.collection.id, categoria: "BLUSA", limit: 100 });
    expect(before.items.find((r) => r.sku === "SL-B")?.missing).toEqual(["COSTAS"]);
    await saveShotList(admin, verao.collection.id, {
      angles: [FRENTE_COSTAS[0]!, { name: "COSTAS", aliases: ["_02", "lado"] }],
    });
    const after = await listShotListMatrix({ collectionId: verao.collection.id, categoria: "BLUSA", limit: 100 });
    expect(after.items.find((r) => r.sku === "SL-B")?.isComplete).toBe(true);

    const other = await seedCollection("Sem lista");
    await seedProduct("OUTRA-1", productScope(other));
    expect((await listShotListMatrix({ collectionId: other.collection.id, limit: 100 })).items).toEqual([]);
    expect((await getShotListSummary({ collectionId: other.collection.id })).totals.totalSkus).toBe(0);
  });
});

describe("the bank's shot lists (every collection)", () => {
  it("apply to collections without their own, most specific list first: collection+categoria, bank+categoria, collection, bank", async () => {
    const { admin, verao } = await seedMatrix();
    const other = await seedCollection("Sem lista");
    const shoe = await seedProduct("OUTRA-SAPATO", productScope(other), { categoria: "CALCADO" });
    await seedProduct("OUTRA-BLUSA", productScope(other), { categoria: "BLUSA" });
    await seedImage("OUTRA-SAPATO_lateral.jpg", scopeOf(other), {
      matchStatus: "MATCHED",
      productId: shoe.id,
      sequence: "lateral",
    });
    await saveShotList(admin, null, { angles: [{ name: "FRENTE", aliases: ["_01"] }] });
    await saveShotList(admin, null, {
      categoria: "CALCADO",
      angles: [
        { name: "LATERAL", aliases: [] },
        { name: "SOLA", aliases: ["_05"] },
      ],
    });
    const angles = async (collectionId: string) =>
      (await listShotListMatrix({ collectionId, limit: 100 })).items.map((r) => [
        r.sku,
        r.cells.map((c) => `${c.angle}:${c.hasPhoto ? "ok" : "falta"}`),
      ]);
    // A collection without lists: its shoes take the bank's CALCADO list, the rest the bank's whole list.
    expect(await angles(other.collection.id)).toEqual([
      ["OUTRA-BLUSA", ["FRENTE:falta"]],
      ["OUTRA-SAPATO", ["LATERAL:ok", "SOLA:falta"]],
    ]);
    // Verão keeps its own lists: nothing of it changed.
    expect((await angles(verao.collection.id)).map(([sku, cells]) => [sku, (cells as string[]).length])).toEqual([
      ["SL-A", 2],
      ["SL-B", 2],
      ["SL-C", 3],
      ["SL-D", 2],
    ]);
    // A bank CALCADO list comes before Verão's whole list for Verão's shoes; Verão's VESTIDO list stays first for its dresses.
    await seedProduct("SL-SAPATO", productScope(verao), { categoria: "CALCADO" });
    await saveShotList(admin, null, { categoria: "VESTIDO", angles: [{ name: "CABIDE", aliases: [] }] });
    const verao2 = await listShotListMatrix({ collectionId: verao.collection.id, limit: 100 });
    expect(verao2.items.find((r) => r.sku === "SL-SAPATO")?.cells.map((c) => c.angle)).toEqual(["LATERAL", "SOLA"]);
    expect(verao2.items.find((r) => r.sku === "SL-C")?.cells.map((c) => c.angle)).toEqual([
      "FRENTE",
      "COSTAS",
      "DETALHE",
    ]);
    const summary = await getShotListSummary({});
    expect(summary.byCollection.map((g) => [g.label, g.totalSkus])).toEqual([
      ["Marca Teste · Inverno", 1],
      ["Marca Teste · Sem lista", 2],
      ["Marca Teste · Verão", 5],
    ]);
  });

  it("one bank list per categoria: saving again replaces it, no angles removes it; PUT /shot-lists is ADMIN only", async () => {
    const admin = await seedActor("ADMIN");
    await saveShotList(admin, null, { angles: [{ name: "FRENTE", aliases: [] }] });
    await saveShotList(admin, null, { angles: [{ name: "COSTAS", aliases: [] }] });
    const lists = await getPrisma().shotList.findMany({ include: { angles: true } });
    expect(lists.map((l) => [l.collectionId, l.categoria, l.angles.map((a) => a.name)])).toEqual([
      [null, "", ["COSTAS"]],
    ]);
    // The unique index (NULLS NOT DISTINCT) refuses a second bank list for the same categoria.
    await expect(getPrisma().shotList.create({ data: { collectionId: null, categoria: "" } })).rejects.toThrow();

    const body = { categoria: "CALCADO", angles: [{ name: "SOLA", aliases: ["_05"] }] };
    const refused = await call(bankPut, `${BASE}/shot-lists`, { role: "EDITOR", method: "PUT", body });
    expect(refused.status).toBe(403);
    const saved = await call(bankPut, `${BASE}/shot-lists`, { role: "ADMIN", method: "PUT", body });
    expect(saved.status).toBe(200);
    const read = (await (await call(bankGet, `${BASE}/shot-lists`)).json()) as {
      items: { collectionId: string | null; categoria: string; angles: { name: string; aliases: string[] }[] }[];
    };
    expect(read.items.map((l) => [l.collectionId, l.categoria, l.angles.map((a) => a.name)])).toEqual([
      [null, "", ["COSTAS"]],
      [null, "CALCADO", ["SOLA"]],
    ]);
    await saveShotList(admin, null, { categoria: "CALCADO", angles: [] });
    expect(await getPrisma().shotList.count()).toBe(1);

    // Two admins saving the same new list at once: both succeed, one list stays (the last write's angles).
    const [one, two] = await Promise.all([
      saveShotList(admin, null, { categoria: "BOLSA", angles: [{ name: "FRENTE", aliases: [] }] }),
      saveShotList(admin, null, { categoria: "BOLSA", angles: [{ name: "FRENTE", aliases: [] }] }),
    ]);
    expect(one?.id).toBe(two?.id);
    expect(await getPrisma().shotList.count({ where: { categoria: "BOLSA" } })).toBe(1);
  });
});

describe("shot-list API", () => {
  it("answers the matrix page with its summary", async () => {
    const { verao } = await seedMatrix();
    const res = await call(
      reportRoute,
      `${BASE}/reports/shot-list?collectionId=${verao.collection.id}&incomplete=true&limit=2`,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((r: { sku: string }) => r.sku)).toEqual(["SL-B", "SL-C"]);
    expect(body.nextCursor).toBe("SL-C");
    expect(body.summary.totals).toMatchObject({ totalSkus: 4, completeSkus: 1 });
    const bad = await call(reportRoute, `${BASE}/reports/shot-list?limit=0`);
    expect(bad.status).toBe(400);
  });

  it("exports the matrix as CSV through the export engine, one column per angle", async () => {
    const { verao } = await seedMatrix();
    const res = await call(
      exportRoute,
      `${BASE}/reports/shot-list/export?collectionId=${verao.collection.id}&format=csv&metadata=true`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/shot-list-\d{4}-\d{2}-\d{2}\.csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toEqual([
      "sku;nome_peca;categoria;fornecedor;marca;colecao;FRENTE;COSTAS;DETALHE;faltam;completo",
      "SL-A;Peça SL-A;BLUSA;Alfa;Marca Teste;Verão;com foto;com foto;;;sim",
      "SL-B;Peça SL-B;BLUSA;Alfa;Marca Teste;Verão;com foto;falta;;COSTAS;não",
      "SL-C;Peça SL-C;VESTIDO;Beta;Marca Teste;Verão;com foto;com foto;falta;DETALHE;não",
      "SL-D;Peça SL-D;BLUSA;;Marca Teste;Verão;falta;falta;;FRENTE, COSTAS;não",
    ]);
    const record = await getPrisma().exportRecord.findFirstOrThrow({ where: { kind: "shot-list" } });
    expect(record).toMatchObject({ format: "csv", status: "DONE", rows: 4 });
    const json = await call(exportRoute, `${BASE}/reports/shot-list/export?incomplete=true&format=json`);
    expect((await json.json()).map((r: { sku: string; faltam: string }) => [r.sku, r.faltam])).toEqual([
      ["SL-B", "COSTAS"],
      ["SL-C", "DETALHE"],
      ["SL-D", "FRENTE, COSTAS"],
    ]);
    const bad = await call(exportRoute, `${BASE}/reports/shot-list/export?format=pdf`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("EXPORT_FORMAT_UNSUPPORTED");
  });

  it("lets an ADMIN replace a list and refuses other roles, nothing written", async () => {
    const c = await seedCollection("Verão");
    const url = `${BASE}/collections/${c.collection.id}/shot-list`;
    const params = { id: c.collection.id };
    const body = { angles: [{ name: " frente ", aliases: ["_01", "01", "F"] }, { name: "COSTAS" }] };
    for (const role of ["VIEWER", "EDITOR"] as const) {
      const res = await call(putRoute, url, { role, params, method: "PUT", body });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toBe("FORBIDDEN");
    }
    expect(await getPrisma().shotList.count()).toBe(0);
    const ok = await call(putRoute, url, { role: "ADMIN", params, method: "PUT", body });
    expect(ok.status).toBe(200);
    const saved = await ok.json();
    expect(saved.items).toHaveLength(1);
    expect(saved.items[0]).toMatchObject({
      categoria: "",
      angles: [
        { name: "FRENTE", position: 0, aliases: ["_01", "F"] },
        { name: "COSTAS", position: 1, aliases: [] },
      ],
    });
    const read = await (await call(listsRoute, url, { params })).json();
    expect(read.items).toEqual(saved.items);
    const audit = await getPrisma().auditLog.findFirstOrThrow({ where: { action: "SHOT_LIST_SAVE" } });
    expect(audit.entityId).toBe(c.collection.id);

    const removed = await call(putRoute, url, { role: "ADMIN", params, method: "PUT", body: { angles: [] } });
    expect((await removed.json()).items).toEqual([]);
    expect(await getPrisma().shotListAngle.count()).toBe(0);

    const missing = await call(putRoute, `${BASE}/collections/0190a0b0-0000-7000-8000-000000000000/shot-list`, {
      role: "ADMIN",
      params: { id: "0190a0b0-0000-7000-8000-000000000000" },
      method: "PUT",
      body,
    });
    expect(missing.status).toBe(404);
  });

  it.each([
    ["an empty name", [{ name: "", aliases: [] }], "SHOT_LIST_EMPTY_ANGLE_NAME", { position: 1 }],
    ["a duplicate angle", [{ name: "FRENTE" }, { name: "Frente" }], "SHOT_LIST_DUPLICATE_ANGLE", { angle: "Frente" }],
    [
      "an alias mapped twice",
      [
        { name: "FRENTE", aliases: ["_01"] },
        { name: "COSTAS", aliases: ["01"] },
      ],
      "SHOT_LIST_ALIAS_CONFLICT",
      { alias: "01", angle: "COSTAS", other: "FRENTE" },
    ],
    ["an alias of only separators", [{ name: "FRENTE", aliases: ["__"] }], "SHOT_LIST_INVALID_ALIAS", { alias: "__" }],
    [
      "too many angles",
      Array.from({ length: 21 }, (_, i) => ({ name: `A${i}` })),
      "SHOT_LIST_TOO_MANY_ANGLES",
      { max: 20 },
    ],
    [
      "too many aliases",
      [{ name: "FRENTE", aliases: Array.from({ length: 31 }, (_, i) => `X${i}`) }],
      "SHOT_LIST_TOO_MANY_ALIASES",
      { angle: "FRENTE", max: 30 },
    ],
  ])("refuses %s with its code and keeps the previous list", async (_, angles, code, details) => {
    const c = await seedCollection("Verão");
    const admin = await seedActor("ADMIN");
    await saveShotList(admin, c.collection.id, { angles: FRENTE_COSTAS });
    const before = await getPrisma().shotListAngle.findMany({ orderBy: { position: "asc" } });
    const res = await call(putRoute, `${BASE}/collections/${c.collection.id}/shot-list`, {
      role: "ADMIN",
      params: { id: c.collection.id },
      method: "PUT",
      body: { angles },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe(code);
    expect(body.details).toMatchObject(details);
    expect(await getPrisma().shotListAngle.findMany({ orderBy: { position: "asc" } })).toEqual(before);
  });

  it("refuses a malformed body as VALIDATION_FAILED", async () => {
    const c = await seedCollection("Verão");
    const res = await call(putRoute, `${BASE}/collections/${c.collection.id}/shot-list`, {
      role: "ADMIN",
      params: { id: c.collection.id },
      method: "PUT",
      body: { angles: [{ name: 3 }], extra: true },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("VALIDATION_FAILED");
  });
});

/**
 * SKUs of the scale case: 10,000 by default (within the suite's time); `npm run bench:shot-list`
 * runs 100,000. Prints the time of each query and the first page's plan; no timed assertion.
 */
const SCALE_SKUS = Number(process.env.SHOT_LIST_SCALE_SKUS ?? 10_000);

describe("at scale", () => {
  it(`answers pages and completion over ${SCALE_SKUS.toLocaleString("en-US")} SKUs`, { timeout: 600_000 }, async () => {
    const prisma = getPrisma();
    const admin = await seedActor("ADMIN");
    const c = await seedCollection("Escala");
    await saveShotList(admin, c.collection.id, {
      angles: [
        { name: "FRENTE", aliases: ["_01"] },
        { name: "COSTAS", aliases: ["_02"] },
        { name: "DETALHE", aliases: ["_03"] },
      ],
    });
    await saveShotList(admin, c.collection.id, { categoria: "CAT0", angles: [{ name: "FRENTE", aliases: ["_01"] }] });
    const t0 = performance.now();
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Product" (id, sku, "skuKey", categoria, "brandId", "collectionId", extra, "updatedAt")
      SELECT uuidv7(), 'SC' || lpad(n::text, 7, '0'), 'SC' || lpad(n::text, 7, '0'), 'CAT' || (n % 10),
             '${c.brand.id}', '${c.collection.id}', jsonb_build_object('fornecedor', 'Forn ' || (n % 20)), now()
      FROM generate_series(1, ${SCALE_SKUS}) n`);
    // Every SKU has its _01; two in three a _02; one in two a _03; one in five an unknown _LADO.
    await prisma.$executeRawUnsafe(`
      INSERT INTO "Image" (id, "batchId", "brandId", "collectionId", "originalName", "storageKey", "contentType", bytes,
                           sha256, "skuBase", sequence, "productId", "matchStatus", "processingStatus", "updatedAt")
      SELECT uuidv7(), '${c.batch.id}', '${c.brand.id}', '${c.collection.id}', p.sku || '_' || s.seq || '.jpg',
             'scale/' || p.sku || '/' || s.seq, 'image/jpeg', 1000, md5(p.sku || s.seq) || md5(s.seq || p.sku),
             p.sku, s.seq, p.id, 'MATCHED', 'READY', now()
      FROM (SELECT id, sku, substr(sku, 3)::int AS n FROM "Product" WHERE "collectionId" = '${c.collection.id}') p
      CROSS JOIN LATERAL (VALUES ('01', true), ('02', p.n % 3 <> 0), ('03', p.n % 2 = 0), ('LADO', p.n % 5 = 0)) AS s(seq, keep)
      WHERE s.keep`);
    await prisma.$executeRawUnsafe(`ANALYZE "Product"; `);
    await prisma.$executeRawUnsafe(`ANALYZE "Image"`);
    const images = await prisma.image.count();
    console.log(
      `[shot-list scale] seeded ${SCALE_SKUS} SKUs, ${images} photos in ${Math.round(performance.now() - t0)} ms`,
    );

    const medians = new Map<string, number>();
    const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      const runs: number[] = [];
      let result!: T;
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        result = await fn();
        runs.push(performance.now() - start);
      }
      runs.sort((a, b) => a - b);
      console.log(`[shot-list scale] ${label}: median ${runs[2]!.toFixed(1)} ms, max ${runs[4]!.toFixed(1)} ms`);
      medians.set(label, runs[2]!);
      return result;
    };
    const base = { collectionId: c.collection.id, limit: 100 };
    const first = await time("first page (100)", () => listShotListMatrix(base));
    const cached = await loadShotListScope(base);
    await listShotListMatrix(base, cached);
    await time("first page, scope and sequence map already read", () => listShotListMatrix(base, cached));
    const middle = `SC${String(Math.floor(SCALE_SKUS / 2)).padStart(7, "0")}`;
    await time("page after the middle SKU", () => listShotListMatrix({ ...base, cursor: middle }));
    const incomplete = await time("first page, only incomplete", () =>
      listShotListMatrix({ ...base, incomplete: true }),
    );
    await time("first page, fornecedor", () => listShotListMatrix({ ...base, fornecedor: "Forn 7" }));
    // Raw baseline: the same page of products alone, without their angles (one indexed range read).
    const baseline = await time("baseline: the same 100 products, no angles", () =>
      prisma.$queryRawUnsafe(
        `SELECT id, sku, "nomePeca", categoria, extra->>'fornecedor' FROM "Product" WHERE "collectionId" = $1::uuid ORDER BY sku LIMIT 101`,
        c.collection.id,
      ),
    );
    expect(baseline).toHaveLength(101);
    const summary = await time("summary (collection, fornecedor, categoria)", () =>
      getShotListSummary({ collectionId: c.collection.id }),
    );

    const ratio = medians.get("first page (100)")! / medians.get("baseline: the same 100 products, no angles")!;
    console.log(`[shot-list scale] first page / raw baseline: ${ratio.toFixed(1)}×`);
    expect(first.items).toHaveLength(100);
    expect(first.items[0]!.sku).toBe("SC0000001");
    expect(incomplete.items.every((r) => !r.isComplete)).toBe(true);
    // Complete: CAT0 SKUs (n % 10 = 0, FRENTE only) + the others with _02 and _03 (n % 6 ∈ {2, 4}).
    let complete = 0;
    for (let n = 1; n <= SCALE_SKUS; n++) if (n % 10 === 0 || (n % 3 !== 0 && n % 2 === 0)) complete++;
    expect(summary.totals).toMatchObject({ totalSkus: SCALE_SKUS, completeSkus: complete });
    expect(summary.byFornecedor).toHaveLength(20);
    expect(summary.byCategoria).toHaveLength(10);

    const scope = await loadShotListScope({ collectionId: c.collection.id });
    const sql = await matrixPageSql(scope, { ...shotListReportQuerySchema.parse(base), cursor: middle });
    const plan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
      ...sql.values,
    );
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    console.log(`[shot-list scale] plan of the page after the middle SKU:\n${text}`);
    expect(text).toMatch(/Index Scan using "Product_(sku_key|collectionId_sku_idx)"/);
    expect(text).toMatch(/Index Scan using "Image_productId_idx"/);
    const summaryPlan = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN (ANALYZE, BUFFERS) ${(await summarySql(scope, { collectionId: c.collection.id })).text}`,
      ...(await summarySql(scope, { collectionId: c.collection.id })).values,
    );
    console.log(`[shot-list scale] plan of the summary:\n${summaryPlan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    const probe = await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT i.sequence FROM "Image" i WHERE i."collectionId" = $1::uuid AND i."processingStatus" = 'READY'
         AND i."productId" IS NOT NULL AND i.sequence > '01' ORDER BY i.sequence LIMIT 1`,
      c.collection.id,
    );
    expect(probe.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Image_shot_list_sequence_idx/);
  });
});

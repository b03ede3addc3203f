import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as csvRoute } from "@/app/api/v1/reports/skus-sem-foto.csv/route";
import { GET as coverageRoute } from "@/app/api/v1/reports/coverage/route";
import { getCoverage } from "@/lib/reports/coverage";
import { listSkusWithoutPhoto } from "@/lib/reports/skus-without-photo";
import { truncateAllTables } from "../../support/db";
import { productScope, scopeOf, seedActor, seedCollection, seedImage, seedProduct } from "../reconciliation/seed";

beforeEach(truncateAllTables);

async function get(handler: typeof csvRoute, url: string) {
  const actor = await seedActor("VIEWER");
  const token = await encode({
    token: { sub: actor.id, signedInAt: Date.now() },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return handler(new Request(url, { headers: { cookie: `next-auth.session-token=${token}` } }), {
    params: Promise.resolve({}),
  });
}

describe("coverage (SKUs sem foto)", () => {
  it("counts a SKU as photographed only with a photo linked in the same collection", async () => {
    const verao = await seedCollection("Verão");
    const inverno = await seedCollection("Inverno");
    const x = await seedProduct("VD24-X", productScope(verao));
    const y = await seedProduct("VD24-Y", productScope(verao));
    await seedProduct("VD24-Z", productScope(verao));
    await seedProduct("IN24-1", productScope(inverno));
    await seedProduct("SEM-COLECAO", null);
    await seedImage("x1.jpg", scopeOf(verao), { matchStatus: "MATCHED", productId: x.id });
    await seedImage("x2.jpg", scopeOf(verao), { matchStatus: "MANUAL", productId: x.id });
    // Y's only photo came in a batch of another collection: it does not cover Y in Verão.
    await seedImage("y.jpg", scopeOf(inverno), { matchStatus: "MANUAL", productId: y.id });

    const rows = await getCoverage();
    expect(rows.map((r) => [r.collectionName, r.totalSkus, r.skusWithPhoto, r.percent])).toEqual([
      ["Inverno", 1, 0, 0],
      ["Verão", 3, 1, 33],
    ]);
    expect((await getCoverage({ collectionId: verao.collection.id })).map((r) => r.collectionName)).toEqual(["Verão"]);

    const missing = await listSkusWithoutPhoto({ collectionId: verao.collection.id, limit: 1 });
    expect(missing.items.map((p) => p.sku)).toEqual(["VD24-Y"]);
    const next = await listSkusWithoutPhoto({
      collectionId: verao.collection.id,
      limit: 1,
      cursor: missing.nextCursor!,
    });
    expect(next.items.map((p) => p.sku)).toEqual(["VD24-Z"]);
    expect(next.nextCursor).toBeNull();

    const json = await (await get(coverageRoute, "http://localhost:3000/api/v1/reports/coverage")).json();
    expect(json.totals).toEqual({ totalSkus: 4, skusWithPhoto: 1, skusWithoutPhoto: 3, percent: 25 });
  });

  it("searches the missing SKUs by the SKU's key (case and separators ignored) and by the name", async () => {
    const c = await seedCollection("Busca");
    await seedProduct("VD24-0150", productScope(c), { nomePeca: "Vestido midi" });
    await seedProduct("VD24-0270", productScope(c), { nomePeca: "Blusa 100% seda" });
    await seedProduct("CAM.25.0150", productScope(c), { nomePeca: "Camisa" });
    const find = async (q: string) =>
      (await listSkusWithoutPhoto({ collectionId: c.collection.id, q, limit: 10 })).items.map((p) => p.sku);
    expect(await find("0150")).toEqual(["CAM.25.0150", "VD24-0150"]);
    // The key has no separator: "vd240150" and "24 0150" find VD24-0150 (an ILIKE on the SKU did not).
    expect(await find("vd240150")).toEqual(["VD24-0150"]);
    expect(await find("24 0150")).toEqual(["VD24-0150"]);
    expect(await find("cam.25")).toEqual(["CAM.25.0150"]);
    expect(await find("MIDI")).toEqual(["VD24-0150"]);
    // No letter or digit: the name only; a % in the search is a character, not a wildcard.
    expect(await find("100%")).toEqual(["VD24-0270"]);
    expect(await find("%")).toEqual(["VD24-0270"]);
  });

  it("exports the missing SKUs as CSV for Excel pt-BR: BOM, `;`, quoting and formula escaping", async () => {
    const c = await seedCollection("Verão; 24");
    await seedProduct('=HYPERLINK("http://x")', productScope(c), { nomePeca: 'Blusa; manga "curta"' });
    await seedProduct("VD24-0001", productScope(c), { nomePeca: "+Vestido", categoria: "@cat" });
    const other = await seedCollection("Outra");
    await seedProduct("OUT-1", productScope(other));

    const response = await get(
      csvRoute,
      `http://localhost:3000/api/v1/reports/skus-sem-foto.csv?collectionId=${c.collection.id}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="skus-sem-foto-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe("sku;nome_peca;categoria;subcategoria;tipo_peca;origem;cor;marca;colecao");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")";"Blusa; manga ""curta""";;;;;;Marca Teste;"Verão; 24"`);
    expect(lines[2]).toBe(`VD24-0001;'+Vestido;'@cat;;;;;Marca Teste;"Verão; 24"`);
    expect(lines.slice(3)).toEqual([""]);
  });

  it("refuses bad filters with 400", async () => {
    const response = await get(csvRoute, "http://localhost:3000/api/v1/reports/skus-sem-foto.csv?collectionId=nope");
    expect(response.status).toBe(400);
  });
});

// The export engine through its routes on a real PostgreSQL: POST /api/v1/export/filtered in every
// format (read back with papaparse and SheetJS), the catalog's filters, formula-safe cells, an
// empty selection, an unknown format, a client that goes away, and GET formats / statistics.
import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportFilteredGet, POST as exportFiltered } from "@/app/api/v1/export/filtered/route";
import { GET as getFormats } from "@/app/api/v1/export/formats/route";
import { GET as getStatistics } from "@/app/api/v1/export/statistics/route";
import { getPrisma } from "@/lib/db/client";
import { exportStatisticsSchema } from "@/lib/export/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let viewer: Auth;
const params = { params: Promise.resolve({}) };

function post(auth: Auth | null, body: unknown): Request {
  return new Request("http://localhost/api/v1/export/filtered", {
    method: "POST",
    headers: { ...(auth?.headers ?? {}), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
const get = (auth: Auth, path: string) => new Request(`http://localhost${path}`, { headers: auth.headers });

const NAMES = ["=cmd|' /C calc'!A0.jpg", "+SUM(1).jpg", 'vestido; "azul"\nfrente.jpg', "Coleção ☀️ 👗.jpg"];
let collectionId: string;

async function seed() {
  const prisma = getPrisma();
  const brand = await prisma.brand.create({ data: { name: "Marca Export", nameKey: "MARCA EXPORT" } });
  const collection = await prisma.collection.create({
    data: { name: "Verão 26", nameKey: "VERAO 26", brandId: brand.id },
  });
  const other = await prisma.collection.create({ data: { name: "Inverno", nameKey: "INVERNO", brandId: brand.id } });
  collectionId = collection.id;
  const batch = await prisma.batch.create({ data: { name: "Lote export" } });
  const product = await prisma.product.create({
    data: { sku: "VD26-0001", skuKey: "VD260001", nomePeca: "=Vestido Midi", categoria: "Vestidos", collectionId },
  });
  const image = (originalName: string, i: number, inCollection: string) => ({
    batchId: batch.id,
    brandId: brand.id,
    collectionId: inCollection,
    originalName,
    storageKey: `originals/${randomUUID()}.jpg`,
    sha256: randomUUID().replace(/-/g, "").padEnd(64, String(i)),
    contentType: "image/jpeg",
    bytes: BigInt(1000 + i),
    width: 800,
    height: 1000,
    processingStatus: "READY" as const,
    skuBase: "VD26-0001",
    sequence: String(i + 1).padStart(2, "0"),
    productId: i === 0 ? product.id : null,
    aiTags: ["vestido", "azul"],
  });
  await prisma.image.createMany({ data: NAMES.map((name, i) => image(name, i, collection.id)) });
  await prisma.image.create({ data: image("outra-colecao.jpg", 9, other.id) });
}

async function exported(body: Record<string, unknown>) {
  const response = await exportFiltered(post(viewer, { filters: { collectionId }, ...body }), params);
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeEach(async () => {
  await truncateAllTables();
  viewer = await apiTokenFor("VIEWER");
  await seed();
});

describe("POST /api/v1/export/filtered", () => {
  it("CSV: the filter's photos only, headers for Excel pt-BR, formula-like cells neutralised, ; quotes newlines emoji intact", async () => {
    const { response, bytes } = await exported({ format: "csv" });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="catalogo-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = bytes.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = Papa.parse<string[]>(text.slice(1), { delimiter: ";", skipEmptyLines: true }).data;
    const header = table[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(header.slice(0, 4)).toEqual(["arquivo", "caminho", "sku", "sku_base"]);
    expect(table).toHaveLength(NAMES.length + 1);
    const names = table.slice(1).map((row) => row[col("arquivo")]);
    expect(names).toEqual(NAMES.map((n) => (/^[=+\-@]/.test(n) ? `'${n}` : n)));
    expect(names).not.toContain("outra-colecao.jpg");
    const linked = table.find((row) => row[col("sku")] === "VD26-0001")!;
    expect(linked[col("nome_peca")]).toBe("'=Vestido Midi");
    expect(linked[col("ia_tags")]).toBe("vestido azul");
    expect(linked[col("largura")]).toBe("800");
  });

  it("JSON, NDJSON and XLSX carry the same rows; XLSX text cells are strings, never formulas", async () => {
    const json = JSON.parse((await exported({ format: "json" })).bytes.toString("utf8")) as Record<string, unknown>[];
    expect(json.map((r) => r.arquivo)).toEqual(NAMES);
    expect(json[0]).toMatchObject({ sku: "VD26-0001", nome_peca: "=Vestido Midi", bytes: 1000, largura: 800 });
    // Moments are formatted by PostgreSQL exactly as Date#toISOString writes them.
    const first = await getPrisma().image.findFirstOrThrow({ where: { originalName: NAMES[0] } });
    expect(json[0]).toMatchObject({
      recebida_em: first.createdAt.toISOString(),
      processada_em: null,
      ia_tags: "vestido azul",
    });
    const ndjson = (await exported({ format: "ndjson" })).bytes.toString("utf8").trim().split("\n");
    expect(ndjson.map((l) => (JSON.parse(l) as { arquivo: string }).arquivo)).toEqual(NAMES);

    const { response, bytes } = await exported({ format: "xlsx" });
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = XLSX.read(bytes, { type: "buffer", cellFormula: true });
    expect(workbook.SheetNames).toEqual(["Dados", "Resumo"]);
    const sheet = workbook.Sheets.Dados!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows.map((r) => r.arquivo)).toEqual(NAMES);
    for (let i = 0; i < NAMES.length; i++) {
      const cell = sheet[`A${i + 2}`] as XLSX.CellObject;
      expect(cell).toMatchObject({ t: "s", v: NAMES[i] });
      expect(cell.f).toBeUndefined();
    }
  });

  it("metadata=false keeps only the base columns; a filter matching nothing gives a valid file with its headers", async () => {
    const slim = JSON.parse((await exported({ format: "json", metadata: false })).bytes.toString("utf8")) as object[];
    expect(Object.keys(slim[0]!)).not.toContain("ia_tags");
    expect(Object.keys(slim[0]!)).toContain("sku_base");
    const empty = await exportFiltered(
      post(viewer, { filters: { collectionId, q: "nada-assim" }, format: "csv" }),
      params,
    );
    // Response.text() would drop the BOM: read the bytes.
    expect(Buffer.from(await empty.arrayBuffer()).toString("utf8")).toMatch(/^\uFEFFarquivo;caminho;sku;[^\n]*\r\n$/);
    const emptyXlsx = Buffer.from(
      await (
        await exportFiltered(post(viewer, { filters: { q: "nada-assim" }, format: "xlsx" }), params)
      ).arrayBuffer(),
    );
    expect(XLSX.utils.sheet_to_json(XLSX.read(emptyXlsx, { type: "buffer" }).Sheets.Dados!)).toEqual([]);
  });

  it("GET: the same export as a download link, by the catalog's query or by a selection of ids", async () => {
    const byFilter = await exportFilteredGet(
      get(viewer, `/api/v1/export/filtered?collectionId=${collectionId}&format=ndjson&metadata=false`),
      params,
    );
    expect(byFilter.status).toBe(200);
    expect((await byFilter.text()).trim().split("\n")).toHaveLength(NAMES.length);
    const ids = (
      await getPrisma().image.findMany({ where: { originalName: { in: [NAMES[1]!, "outra-colecao.jpg"] } } })
    )
      .map((i) => i.id)
      .join(",");
    const bySelection = await exportFilteredGet(
      get(viewer, `/api/v1/export/filtered?imageIds=${ids}&format=json`),
      params,
    );
    const rows = (await bySelection.json()) as { arquivo: string }[];
    expect(rows.map((r) => r.arquivo).sort()).toEqual([NAMES[1], "outra-colecao.jpg"].sort());
    const both = await exportFilteredGet(
      get(viewer, `/api/v1/export/filtered?imageIds=${ids}&collectionId=${collectionId}`),
      params,
    );
    expect(both.status).toBe(400);
    const pdf = await exportFilteredGet(get(viewer, "/api/v1/export/filtered?format=pdf"), params);
    expect(await pdf.json()).toMatchObject({ error: "EXPORT_FORMAT_UNSUPPORTED" });
  });

  it("refuses an unknown format naming the supported ones, and an anonymous caller", async () => {
    const response = await exportFiltered(post(viewer, { filters: {}, format: "pdf" }), params);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: "EXPORT_FORMAT_UNSUPPORTED",
      details: { format: "pdf", formats: "csv, json, ndjson, xlsx" },
    });
    expect((await exportFiltered(post(null, { filters: {}, format: "csv" }), params)).status).toBe(401);
    expect(await getPrisma().exportRecord.count()).toBe(0);
  });

  it("records each export: DONE with rows and bytes, CANCELLED when the client goes away; statistics add them up", async () => {
    const { bytes } = await exported({ format: "csv" });
    await exported({ format: "xlsx" });
    const gone = await exportFiltered(post(viewer, { filters: {}, format: "ndjson", limit: 2 }), params);
    const reader = gone.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => getPrisma().exportRecord.count({ where: { status: "CANCELLED" } })).toBe(1);
    const done = await getPrisma().exportRecord.findFirstOrThrow({ where: { format: "csv" } });
    expect(done).toMatchObject({ kind: "filtered", status: "DONE", rows: NAMES.length, userId: viewer.user.id });
    expect(Number(done.bytes)).toBe(bytes.length);

    const stats = exportStatisticsSchema.parse(
      await (await getStatistics(get(viewer, "/api/v1/export/statistics"), params)).json(),
    );
    expect(stats).toMatchObject({ total: 3, today: 3, by_format: { csv: 1, xlsx: 1, ndjson: 1 } });
    expect(stats.average_bytes).toBeGreaterThan(0);
    const formats = (await (await getFormats(get(viewer, "/api/v1/export/formats"), params)).json()) as {
      formats: { format: string }[];
    };
    expect(formats.formats.map((f) => f.format)).toEqual(["csv", "json", "ndjson", "xlsx"]);
  });
});

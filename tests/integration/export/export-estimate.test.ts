// Export size estimates and the coverage reports through the export engine, on a real PostgreSQL:
// GET <export>/estimate answers the first rows written in every format (exact when they are the
// whole export, scaled by estimatedBytes otherwise) and records nothing; "SKUs sem foto" and the
// coverage per collection export in every format, formula-safe, recorded like any other export.
import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as filteredGet } from "@/app/api/v1/export/filtered/route";
import { GET as filteredEstimate } from "@/app/api/v1/export/filtered/estimate/route";
import { GET as coverageExportGet } from "@/app/api/v1/reports/coverage/export/route";
import { GET as coverageEstimate } from "@/app/api/v1/reports/coverage/export/estimate/route";
import { GET as skusGet } from "@/app/api/v1/reports/skus-sem-foto/route";
import { GET as skusEstimate } from "@/app/api/v1/reports/skus-sem-foto/estimate/route";
import { GET as skusCsvGet } from "@/app/api/v1/reports/skus-sem-foto.csv/route";
import { getPrisma } from "@/lib/db/client";
import { estimatedBytes, type ExportEstimate } from "@/lib/export/estimated-size";
import { ESTIMATE_SAMPLE_ROWS } from "@/lib/export/export-estimate";
import { EXPORT_FORMATS } from "@/lib/export/formats";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let viewer: Auth;
let collectionId: string;
let otherCollectionId: string;

const call = (handler: Handler, path: string) =>
  handler(new Request(`http://localhost${path}`, { headers: viewer.headers }), { params: Promise.resolve({}) });

async function bytesOf(handler: Handler, path: string): Promise<Buffer> {
  const response = await call(handler, path);
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function estimateOf(handler: Handler, path: string): Promise<ExportEstimate> {
  const response = await call(handler, path);
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  return (await response.json()) as ExportEstimate;
}

/** `count` photos in the collection, names of uneven length (the sample must stand for the rest). */
async function seedPhotos(count: number) {
  const prisma = getPrisma();
  const batch = await prisma.batch.create({ data: { name: "Lote estimativa" } });
  await prisma.image.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      batchId: batch.id,
      collectionId,
      originalName: `VD26-${String(i).padStart(4, "0")}_${"x".repeat(i % 37)}.jpg`,
      storageKey: `originals/${randomUUID()}.jpg`,
      sha256: randomUUID().replace(/-/g, "").padEnd(64, "0"),
      contentType: "image/jpeg",
      bytes: BigInt(1000 + i),
      width: 800,
      height: 1000,
      processingStatus: "READY" as const,
      aiTags: i % 2 ? ["vestido", "azul"] : [],
    })),
  });
}

beforeEach(async () => {
  await truncateAllTables();
  viewer = await apiTokenFor("VIEWER");
  const prisma = getPrisma();
  const brand = await prisma.brand.create({ data: { name: "Marca Estimativa", nameKey: "MARCA ESTIMATIVA" } });
  collectionId = (await prisma.collection.create({ data: { name: "Verão", nameKey: "VERAO", brandId: brand.id } })).id;
  otherCollectionId = (
    await prisma.collection.create({ data: { name: "=Inverno", nameKey: "=INVERNO", brandId: brand.id } })
  ).id;
});

describe("GET /api/v1/export/filtered/estimate", () => {
  it("a selection within the sample: every text format's size is the file's, to the byte, and nothing is recorded", async () => {
    await seedPhotos(4);
    const query = `collectionId=${collectionId}&metadata=true`;
    const estimate = await estimateOf(filteredEstimate, `/api/v1/export/filtered/estimate?${query}`);
    expect(estimate).toMatchObject({ sample_rows: 4, complete: true });
    for (const format of ["csv", "json", "ndjson"] as const) {
      const file = await bytesOf(filteredGet, `/api/v1/export/filtered?${query}&format=${format}`);
      expect(estimatedBytes(estimate, format, 4), format).toBe(file.length);
    }
    // XLSX: the estimate leaves out the Resumo sheet, so it is close, not exact.
    const xlsx = await bytesOf(filteredGet, `/api/v1/export/filtered?${query}&format=xlsx`);
    expect(Math.abs(estimatedBytes(estimate, "xlsx", 4) - xlsx.length) / xlsx.length).toBeLessThan(0.25);
    // The estimate is not an export: only the four downloads above are recorded.
    expect(await getPrisma().exportRecord.count()).toBe(4);
  });

  it("a selection past the sample: the first rows scaled to the count come within 5 % of the real file", async () => {
    await seedPhotos(400);
    const query = `collectionId=${collectionId}&metadata=false`;
    const estimate = await estimateOf(filteredEstimate, `/api/v1/export/filtered/estimate?${query}`);
    expect(estimate).toMatchObject({ sample_rows: ESTIMATE_SAMPLE_ROWS, complete: false });
    for (const format of EXPORT_FORMATS) {
      expect(estimate.sample_bytes[format], format).toBeGreaterThan(estimate.empty_bytes[format]);
      if (format === "xlsx") continue;
      const file = await bytesOf(filteredGet, `/api/v1/export/filtered?${query}&format=${format}`);
      const guess = estimatedBytes(estimate, format, 400);
      expect(Math.abs(guess - file.length) / file.length, `${format}: ${guess} vs ${file.length}`).toBeLessThan(0.05);
    }
  });

  it("takes the export's own query: an unknown filter or both ids and filters is a 400", async () => {
    expect((await call(filteredEstimate, "/api/v1/export/filtered/estimate?colour=red")).status).toBe(400);
    const both = await call(
      filteredEstimate,
      `/api/v1/export/filtered/estimate?imageIds=${randomUUID()}&collectionId=${collectionId}`,
    );
    expect(both.status).toBe(400);
  });
});

describe("coverage reports through the export engine", () => {
  async function seedProducts() {
    const prisma = getPrisma();
    await prisma.product.createMany({
      data: [
        { sku: "VD26-0001", skuKey: "VD260001", nomePeca: '=HYPERLINK("x")', categoria: "Vestidos", collectionId },
        { sku: "VD26-0002", skuKey: "VD260002", nomePeca: 'Saia; "midi"\nlonga 👗', collectionId },
        { sku: "IN26-0001", skuKey: "IN260001", nomePeca: "Casaco", collectionId: otherCollectionId },
      ],
    });
  }

  it('"SKUs sem foto" in every format: the CSV alias gives the same bytes, cells are formula-safe, each download recorded', async () => {
    await seedProducts();
    const query = `collectionId=${collectionId}`;
    const csv = await bytesOf(skusGet, `/api/v1/reports/skus-sem-foto?${query}&format=csv`);
    expect((await bytesOf(skusCsvGet, `/api/v1/reports/skus-sem-foto.csv?${query}`)).equals(csv)).toBe(true);
    const text = csv.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = Papa.parse<string[]>(text.slice(1), { delimiter: ";", skipEmptyLines: true }).data;
    expect(table.map((row) => [row[0], row[1]])).toEqual([
      ["sku", "nome_peca"],
      ["VD26-0001", '\'=HYPERLINK("x")'],
      ["VD26-0002", 'Saia; "midi"\nlonga 👗'],
    ]);

    const workbook = XLSX.read(await bytesOf(skusGet, `/api/v1/reports/skus-sem-foto?${query}&format=xlsx`), {
      type: "buffer",
      cellFormula: true,
    });
    const sheet = workbook.Sheets[workbook.SheetNames[0]!]!;
    expect(XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet).map((r) => r.nome_peca)).toEqual([
      '=HYPERLINK("x")',
      'Saia; "midi"\nlonga 👗',
    ]);
    expect((sheet.B2 as XLSX.CellObject).t).toBe("s");
    expect((sheet.B2 as XLSX.CellObject).f).toBeUndefined();

    const ndjson = (await bytesOf(skusGet, `/api/v1/reports/skus-sem-foto?format=ndjson`)).toString("utf8");
    expect(
      ndjson
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { sku: string }).sku),
    ).toEqual(["IN26-0001", "VD26-0001", "VD26-0002"]);
    const records = await getPrisma().exportRecord.findMany({ orderBy: { createdAt: "asc" } });
    expect(records.map((r) => [r.kind, r.format, r.status])).toEqual([
      ["skus-sem-foto", "csv", "DONE"],
      ["skus-sem-foto", "csv", "DONE"],
      ["skus-sem-foto", "xlsx", "DONE"],
      ["skus-sem-foto", "ndjson", "DONE"],
    ]);
    expect(records[0]).toMatchObject({ rows: 2, userId: viewer.user.id });

    const estimate = await estimateOf(skusEstimate, `/api/v1/reports/skus-sem-foto/estimate?${query}`);
    expect(estimate).toMatchObject({ sample_rows: 2, complete: true });
    expect(estimatedBytes(estimate, "csv", 2)).toBe(csv.length);
    expect((await call(skusGet, "/api/v1/reports/skus-sem-foto?format=pdf")).status).toBe(400);
  });

  it("coverage per collection: one row per collection with its counts, a formula-like name kept as text", async () => {
    await seedProducts();
    const rows = JSON.parse(
      (await bytesOf(coverageExportGet, "/api/v1/reports/coverage/export?format=json")).toString("utf8"),
    ) as Record<string, unknown>[];
    expect(rows).toEqual([
      { marca: "Marca Estimativa", colecao: "=Inverno", skus: 1, com_foto: 0, sem_foto: 1, percentual: 0 },
      { marca: "Marca Estimativa", colecao: "Verão", skus: 2, com_foto: 0, sem_foto: 2, percentual: 0 },
    ]);
    const csv = await bytesOf(coverageExportGet, `/api/v1/reports/coverage/export?collectionId=${otherCollectionId}`);
    expect(csv.toString("utf8")).toBe(
      "\uFEFFmarca;colecao;skus;com_foto;sem_foto;percentual\r\nMarca Estimativa;'=Inverno;1;0;1;0\r\n",
    );
    const estimate = await estimateOf(
      coverageEstimate,
      `/api/v1/reports/coverage/export/estimate?collectionId=${otherCollectionId}`,
    );
    expect(estimatedBytes(estimate, "csv", 1)).toBe(csv.length);
    expect(await getPrisma().exportRecord.count({ where: { kind: "coverage" } })).toBe(2);
  });
});

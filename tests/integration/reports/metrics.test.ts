// Relatórios → Métricas on a real PostgreSQL: exact counts for photos seeded in several statuses,
// brands, collections and days (the counters' path and the scan's agree), each filter, the JSON
// route, the export route (CSV headers and rows, formula-safe, XLSX, JSON) and who may read them.
import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportMetricsRoute } from "@/app/api/v1/export/metrics/route";
import { GET as metricsRoute } from "@/app/api/v1/reports/metrics/route";
import { getPrisma, type ImageStatus, type MatchStatus, type ProcessingStatus } from "@/lib/db/client";
import { getMetrics } from "@/lib/reports/metrics";
import { metricsSchema } from "@/lib/reports/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";

const params = { params: Promise.resolve({}) };
const NOW = new Date("2026-11-14T12:00:00Z");

type Photo = {
  day: string;
  collection: "verao" | "inverno" | "praia";
  batches: ("b1" | "b2" | "b3")[];
  status?: ImageStatus;
  matchStatus?: MatchStatus;
  processingStatus?: ProcessingStatus;
  processingErrorCode?: string;
  isAnalysed?: boolean;
  hasAiError?: boolean;
};

// 9 photos: Verão (Marca A, lote 1) 3 ready on the 10th and 3 failed on the 12th (one of them also
// received by lote 3), Praia (Marca B, lote 2) 2 on the 12th, Inverno (Marca A, lote 3) 1 on the 13th.
const PHOTOS: Photo[] = [
  { day: "2026-11-10", collection: "verao", batches: ["b1"], status: "PENDENTE", matchStatus: "MATCHED" },
  {
    day: "2026-11-10",
    collection: "verao",
    batches: ["b1"],
    status: "APROVADO",
    matchStatus: "MATCHED",
    isAnalysed: true,
  },
  { day: "2026-11-10", collection: "verao", batches: ["b1"], status: "APROVADO", matchStatus: "MANUAL" },
  {
    day: "2026-11-12",
    collection: "verao",
    batches: ["b1"],
    processingStatus: "FAILED",
    processingErrorCode: "IMAGE_CORRUPT",
    matchStatus: "NO_SKU",
  },
  {
    day: "2026-11-12",
    collection: "verao",
    batches: ["b1", "b3"],
    processingStatus: "FAILED",
    processingErrorCode: "IMAGE_CORRUPT",
    matchStatus: "NO_SKU",
  },
  {
    day: "2026-11-12",
    collection: "verao",
    batches: ["b1"],
    processingStatus: "FAILED",
    processingErrorCode: "IMAGE_UNSUPPORTED",
    matchStatus: "NO_SKU",
  },
  { day: "2026-11-12", collection: "praia", batches: ["b2"], status: "REJEITADO", matchStatus: "UNMATCHED" },
  {
    day: "2026-11-12",
    collection: "praia",
    batches: ["b2"],
    status: "REJEITADO",
    matchStatus: "UNMATCHED",
    hasAiError: true,
  },
  {
    day: "2026-11-13",
    collection: "inverno",
    batches: ["b3"],
    status: "PENDENTE_ANALISE_IA",
    processingStatus: "QUEUED",
    matchStatus: "PENDING",
  },
];

let ids: {
  brandA: string;
  brandB: string;
  verao: string;
  inverno: string;
  praia: string;
  b1: string;
  b2: string;
  b3: string;
};

async function seed() {
  const prisma = getPrisma();
  const brandA = await prisma.brand.create({ data: { name: "Marca A", nameKey: "MARCA A" } });
  // A name Excel would read as a formula: the export must neutralise it.
  const brandB = await prisma.brand.create({ data: { name: "=Marca B", nameKey: "=MARCA B" } });
  const collection = (name: string, brandId: string) =>
    prisma.collection.create({ data: { name, nameKey: name.toUpperCase(), brandId } });
  const verao = await collection("Verão", brandA.id);
  const inverno = await collection("Inverno", brandA.id);
  const praia = await collection("Praia; 26", brandB.id);
  const batch = (name: string, brandId: string, collectionId: string) =>
    prisma.batch.create({ data: { name, brandId, collectionId, status: "COMPLETED" } });
  const b1 = await batch("Lote 1", brandA.id, verao.id);
  const b2 = await batch("Lote 2", brandB.id, praia.id);
  const b3 = await batch("Lote 3", brandA.id, inverno.id);
  ids = {
    brandA: brandA.id,
    brandB: brandB.id,
    verao: verao.id,
    inverno: inverno.id,
    praia: praia.id,
    b1: b1.id,
    b2: b2.id,
    b3: b3.id,
  };
  const collections = { verao, inverno, praia };
  for (const [k, photo] of PHOTOS.entries()) {
    const c = collections[photo.collection];
    const id = randomUUID();
    const createdAt = new Date(`${photo.day}T${String(8 + k).padStart(2, "0")}:30:00Z`);
    await prisma.image.create({
      data: {
        id,
        batchId: ids[photo.batches[0]!],
        brandId: c.brandId,
        collectionId: c.id,
        originalName: `foto-${k}.jpg`,
        storageKey: `test/${id}`,
        sha256: id.replace(/-/g, "").padEnd(64, "0"),
        contentType: "image/jpeg",
        bytes: 1000n,
        status: photo.status ?? "PENDENTE",
        matchStatus: photo.matchStatus ?? "PENDING",
        processingStatus: photo.processingStatus ?? "READY",
        processingErrorCode: photo.processingErrorCode ?? null,
        processingError: photo.processingErrorCode ? "falhou" : null,
        aiAnalyzedAt: photo.isAnalysed ? createdAt : null,
        aiError: photo.hasAiError ? "a IA falhou" : null,
        createdAt,
      },
    });
    for (const b of photo.batches)
      await prisma.batchUpload.create({
        data: { batchId: ids[b], clientUploadId: `u-${k}`, originalName: `foto-${k}.jpg`, bytes: 1000n, imageId: id },
      });
  }
}

beforeEach(async () => {
  await truncateAllTables();
  await seed();
});

const statusMap = (rows: { value: string; count: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.value, r.count]));

describe("getMetrics", () => {
  it("counts every dimension exactly, from the counters and from a scan alike", async () => {
    const all = await getMetrics({}, NOW);
    expect(all.total).toBe(9);
    expect(statusMap(all.status)).toEqual({ PENDENTE: 4, APROVADO: 2, REJEITADO: 2, PENDENTE_ANALISE_IA: 1 });
    expect(statusMap(all.processingStatus)).toEqual({ READY: 5, FAILED: 3, QUEUED: 1 });
    expect(statusMap(all.matchStatus)).toEqual({ MATCHED: 2, MANUAL: 1, NO_SKU: 3, UNMATCHED: 2, PENDING: 1 });
    expect(statusMap(all.aiStatus)).toEqual({ ANALYZED: 1, FAILED: 1, QUEUED: 1, NONE: 6 });
    expect(all.brands).toEqual([
      { id: ids.brandA, name: "Marca A", count: 7 },
      { id: ids.brandB, name: "=Marca B", count: 2 },
    ]);
    expect(all.collections.map((c) => [c.name, c.brandName, c.count, c.ready, c.failed])).toEqual([
      ["Verão", "Marca A", 6, 3, 3],
      ["Praia; 26", "=Marca B", 2, 2, 0],
      ["Inverno", "Marca A", 1, 0, 0],
    ]);
    expect(all.collections[0]!.byStatus).toEqual({ PENDENTE: 4, APROVADO: 2, REJEITADO: 0, PENDENTE_ANALISE_IA: 0 });
    expect(all.failures).toEqual([
      { code: "IMAGE_CORRUPT", count: 2 },
      { code: "IMAGE_UNSUPPORTED", count: 1 },
    ]);
    // No range: the last 30 days up to "today".
    expect(all.days.from).toBe("2026-10-16");
    expect(all.days.to).toBe("2026-11-14");
    expect(all.days.items).toHaveLength(30);
    expect(all.days.items.filter((d) => d.count > 0)).toEqual([
      { day: "2026-11-10", count: 3 },
      { day: "2026-11-12", count: 5 },
      { day: "2026-11-13", count: 1 },
    ]);
    expect(metricsSchema.parse(all)).toEqual(all);

    // A range covering every photo is answered by a GROUP BY over the images, not by the counters: same counts.
    const scanned = await getMetrics({ from: "2026-11-01", to: "2026-11-30" }, NOW);
    const countsOf = (m: typeof all) => ({ ...m, days: null, filters: null });
    expect(countsOf(scanned)).toEqual(countsOf(all));
  });

  it("filters by brand, collection, batch (the photos it received) and days", async () => {
    const brandB = await getMetrics({ brandId: ids.brandB }, NOW);
    expect(brandB.total).toBe(2);
    expect(brandB.collections.map((c) => c.name)).toEqual(["Praia; 26"]);
    expect(statusMap(brandB.aiStatus)).toEqual({ FAILED: 1, NONE: 1 });
    expect(brandB.failures).toEqual([]);

    const lote1 = await getMetrics({ batchId: ids.b1 }, NOW);
    expect(lote1.total).toBe(6);
    expect(statusMap(lote1.processingStatus)).toEqual({ READY: 3, FAILED: 3 });
    // Lote 3 received its own photo and one that lote 1 stored first.
    const lote3 = await getMetrics({ batchId: ids.b3 }, NOW);
    expect(lote3.total).toBe(2);
    expect(lote3.collections.map((c) => [c.name, c.count])).toEqual([
      ["Inverno", 1],
      ["Verão", 1],
    ]);
    expect(lote3.failures).toEqual([{ code: "IMAGE_CORRUPT", count: 1 }]);

    const day12 = await getMetrics({ collectionId: ids.verao, from: "2026-11-12", to: "2026-11-12" }, NOW);
    expect(day12.total).toBe(3);
    expect(day12.days.items).toEqual([{ day: "2026-11-12", count: 3 }]);
    expect(statusMap(day12.processingStatus)).toEqual({ FAILED: 3 });

    const window = await getMetrics({ from: "2026-11-09", to: "2026-11-13" }, NOW);
    expect(window.days.items.map((d) => d.count)).toEqual([0, 3, 0, 5, 1]);

    const nothing = await getMetrics({ brandId: ids.brandB, batchId: ids.b1 }, NOW);
    expect(nothing.total).toBe(0);
    expect(nothing.collections).toEqual([]);
    expect(nothing.status.every((s) => s.count === 0)).toBe(true);
  });
});

describe("GET /api/v1/reports/metrics", () => {
  it("answers the metrics for a viewer and refuses bad filters, anonymous and disabled users", async () => {
    const viewer = await apiTokenFor("VIEWER");
    const url = (query: string) => `http://localhost/api/v1/reports/metrics?${query}`;
    const response = await metricsRoute(new Request(url(`batchId=${ids.b2}`), { headers: viewer.headers }), params);
    expect(response.status).toBe(200);
    const body = metricsSchema.parse(await response.json());
    expect(body.total).toBe(2);
    expect(body.filters.batchId).toBe(ids.b2);

    for (const bad of [
      "from=2026-11-13&to=2026-11-12",
      "status=APROVADO",
      "batchId=x",
      "from=2024-01-01&to=2026-01-01",
    ]) {
      const refused = await metricsRoute(new Request(url(bad), { headers: viewer.headers }), params);
      expect(refused.status, bad).toBe(400);
      expect((await refused.json()).error).toBe("VALIDATION_FAILED");
    }

    expect((await metricsRoute(new Request(url("")), params)).status).toBe(401);
    const disabled = await apiTokenFor("ADMIN");
    await getPrisma().user.update({ where: { id: disabled.user.id }, data: { isActive: false } });
    expect((await metricsRoute(new Request(url(""), { headers: disabled.headers }), params)).status).toBe(401);
  });
});

describe("GET /api/v1/export/metrics", () => {
  const exportUrl = (query: string) => `http://localhost/api/v1/export/metrics?${query}`;

  it("exports a table as CSV for Excel pt-BR: BOM, headers, rows, formula-safe, filtered", async () => {
    const viewer = await apiTokenFor("VIEWER");
    const response = await exportMetricsRoute(
      new Request(exportUrl("table=collections&metadata=true"), { headers: viewer.headers }),
      params,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="metricas-colecoes-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).split("\r\n")).toEqual([
      "colecao;marca;fotos;prontas;falharam;pendente;aprovado;rejeitado;pendente_analise_ia",
      "Verão;Marca A;6;3;3;4;2;0;0",
      `"Praia; 26";'=Marca B;2;2;0;0;0;2;0`,
      "Inverno;Marca A;1;0;0;0;0;0;1",
      "",
    ]);

    const failures = await exportMetricsRoute(
      new Request(exportUrl(`table=failures&batchId=${ids.b1}`), { headers: viewer.headers }),
      params,
    );
    const text = new TextDecoder().decode(new Uint8Array(await failures.arrayBuffer()).slice(3));
    expect(text.split("\r\n")).toEqual([
      "codigo;motivo;fotos",
      "IMAGE_CORRUPT;Imagem corrompida ou incompleta: não foi possível decodificar o arquivo.;2",
      "IMAGE_UNSUPPORTED;Formato de imagem não suportado.;1",
      "",
    ]);

    const status = await exportMetricsRoute(
      new Request(exportUrl("table=status&separator=,"), { headers: viewer.headers }),
      params,
    );
    const statusLines = new TextDecoder().decode(new Uint8Array(await status.arrayBuffer()).slice(3)).split("\r\n");
    expect(statusLines.slice(0, 3)).toEqual([
      "valor,rotulo,fotos,percentual",
      "PENDENTE,Pendente,4,44",
      "APROVADO,Aprovado,2,22",
    ]);

    // An empty result is a valid file with its header.
    const empty = await exportMetricsRoute(
      new Request(exportUrl(`table=brands&brandId=${ids.brandB}&batchId=${ids.b1}`), { headers: viewer.headers }),
      params,
    );
    expect(new TextDecoder().decode(new Uint8Array(await empty.arrayBuffer()).slice(3))).toBe(
      "marca;fotos;percentual\r\n",
    );

    const record = await getPrisma().exportRecord.findFirst({
      where: { kind: "metrics" },
      orderBy: { createdAt: "asc" },
    });
    expect(record).toMatchObject({ format: "csv", status: "DONE", rows: 3 });
  });

  it("exports XLSX (a string cell for formula-like text) and JSON; refuses an unknown format or table, and anonymous", async () => {
    const viewer = await apiTokenFor("VIEWER");
    const xlsx = await exportMetricsRoute(
      new Request(exportUrl("table=brands&format=xlsx"), { headers: viewer.headers }),
      params,
    );
    expect(xlsx.status).toBe(200);
    const book = XLSX.read(new Uint8Array(await xlsx.arrayBuffer()), { type: "array" });
    expect(book.SheetNames).toEqual(["Dados", "Resumo"]);
    const sheet = book.Sheets["Dados"]!;
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })).toEqual([
      ["marca", "fotos", "percentual"],
      ["Marca A", 7, 78],
      ["=Marca B", 2, 22],
    ]);
    expect(sheet["A3"]).toMatchObject({ t: "s", v: "=Marca B" });
    expect(sheet["A3"].f).toBeUndefined();

    const json = await exportMetricsRoute(
      new Request(exportUrl(`table=days&format=json&from=2026-11-12&to=2026-11-13`), { headers: viewer.headers }),
      params,
    );
    expect(await json.json()).toEqual([
      { dia: "2026-11-12", fotos: 5 },
      { dia: "2026-11-13", fotos: 1 },
    ]);

    const pdf = await exportMetricsRoute(
      new Request(exportUrl("table=days&format=pdf"), { headers: viewer.headers }),
      params,
    );
    expect(pdf.status).toBe(400);
    expect((await pdf.json()).error).toBe("EXPORT_FORMAT_UNSUPPORTED");
    const noTable = await exportMetricsRoute(new Request(exportUrl("format=csv"), { headers: viewer.headers }), params);
    expect(noTable.status).toBe(400);
    expect((await exportMetricsRoute(new Request(exportUrl("table=days")), params)).status).toBe(401);
  });
});

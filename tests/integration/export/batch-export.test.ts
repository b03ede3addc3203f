// Seed 004's batch export API on a real PostgreSQL: a batch with uploaded files (one failed, one a
// duplicate), URLs fetched into files, URLs that failed and a refused file — exported whole and
// with success_only / failed_only / dates, previewed, summarised, and two batches as one ZIP.
import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportBatch } from "@/app/api/v1/export/batch/[id]/route";
import { GET as previewBatch } from "@/app/api/v1/export/batch/[id]/preview/route";
import { GET as summarizeBatch } from "@/app/api/v1/export/batch/[id]/summary/route";
import { POST as exportMultiple } from "@/app/api/v1/export/batches/multiple/route";
import { getPrisma } from "@/lib/db/client";
import { batchExportSummarySchema } from "@/lib/export/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { unzip } from "../../support/unzip";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let viewer: Auth;
let batchId: string;
let otherId: string;

const get = (path: string) => new Request(`http://localhost${path}`, { headers: viewer.headers });
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function csvRows(response: Response): Promise<Record<string, string>[]> {
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  const text = Buffer.from(await response.arrayBuffer()).toString("utf8");
  return Papa.parse<Record<string, string>>(text.slice(1), { delimiter: ";", header: true, skipEmptyLines: true }).data;
}

async function seedBatch(name: string) {
  const prisma = getPrisma();
  const batch = await prisma.batch.create({ data: { name, source: "URL_LIST", chunkSize: 10 } });
  const chunk = await prisma.batchChunk.create({ data: { batchId: batch.id, index: 0, total: 4 } });
  const image = (originalName: string, processingStatus: "READY" | "FAILED", extra = {}) =>
    prisma.image.create({
      data: {
        batchId: batch.id,
        originalName,
        storageKey: `originals/${randomUUID()}.jpg`,
        sha256: randomUUID().replace(/-/g, "").padEnd(64, "a"),
        contentType: "image/jpeg",
        bytes: BigInt(2048),
        processingStatus,
        ...extra,
      },
    });
  const ok = await image("VD26-0001_01.jpg", "READY");
  const bad = await image("quebrada.jpg", "FAILED", {
    processingErrorCode: "IMAGE_CORRUPT",
    processingError: "Corrompida",
  });
  const fetched = await image("foto.jpg", "READY");
  const stored = await prisma.batchUrl.create({
    data: {
      batchId: batch.id,
      chunkId: chunk.id,
      lineNumber: 2,
      url: "http://127.0.0.1:9/fotos/foto.jpg",
      status: "STORED",
      imageId: fetched.id,
    },
  });
  await prisma.batchUpload.createMany({
    data: [
      { batchId: batch.id, clientUploadId: "u1", originalName: ok.originalName, bytes: 2048n, imageId: ok.id },
      { batchId: batch.id, clientUploadId: "u2", originalName: bad.originalName, bytes: 2048n, imageId: bad.id },
      {
        batchId: batch.id,
        clientUploadId: "u3",
        originalName: "copia.jpg",
        bytes: 2048n,
        imageId: ok.id,
        isDuplicate: true,
      },
      {
        batchId: batch.id,
        clientUploadId: `url:${stored.id}`,
        originalName: "foto.jpg",
        bytes: 2048n,
        imageId: fetched.id,
      },
    ],
  });
  await prisma.batchUrl.createMany({
    data: [
      {
        batchId: batch.id,
        chunkId: chunk.id,
        lineNumber: 3,
        url: "http://127.0.0.1:9/fotos/sumiu.jpg",
        status: "FAILED",
        errorCategory: "HTTP_4XX",
        errorCode: "URL_HTTP_ERROR",
        httpStatus: 404,
      },
      {
        batchId: batch.id,
        chunkId: chunk.id,
        lineNumber: 4,
        url: "http://[::1]/x.jpg",
        status: "FAILED",
        errorCategory: "BLOCKED_ADDRESS",
        errorCode: "URL_ADDRESS_BLOCKED",
      },
    ],
  });
  await prisma.batchUploadRefusal.create({
    data: {
      batchId: batch.id,
      clientUploadId: "r1",
      originalName: "=planilha.xls",
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "Tipo",
    },
  });
  return batch.id;
}

beforeEach(async () => {
  await truncateAllTables();
  viewer = await apiTokenFor("VIEWER");
  batchId = await seedBatch("Fornecedor A");
  otherId = await seedBatch("Fornecedor B");
});

describe("GET /api/v1/export/batch/{id}", () => {
  it("exports every item: files (with the URL they came from), failed URLs with their category, refused files", async () => {
    const rows = await csvRows(await exportBatch(get(`/api/v1/export/batch/${batchId}?format=csv`), withId(batchId)));
    const by = (name: string) => rows.find((r) => r.arquivo === name)!;
    expect(rows).toHaveLength(7);
    expect(by("VD26-0001_01.jpg")).toMatchObject({ origem_item: "arquivo", resultado: "sucesso" });
    expect(by("copia.jpg")).toMatchObject({ resultado: "duplicada" });
    expect(by("quebrada.jpg")).toMatchObject({ resultado: "falha", erro: "IMAGE_CORRUPT" });
    expect(by("foto.jpg")).toMatchObject({ origem_item: "url", linha: "2", url: "http://127.0.0.1:9/fotos/foto.jpg" });
    expect(by("sumiu.jpg")).toMatchObject({
      origem_item: "url",
      resultado: "falha",
      linha: "3",
      categoria_erro: "HTTP_4XX",
      http_status: "404",
    });
    expect(by("x.jpg")).toMatchObject({ categoria_erro: "BLOCKED_ADDRESS", codigo_erro: "URL_ADDRESS_BLOCKED" });
    expect(by("'=planilha.xls")).toMatchObject({ origem_item: "recusado", erro: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("XLSX and NDJSON carry the same items, formula-like names as text; metadata=false drops the extra columns; a range around today keeps them all", async () => {
    const workbook = XLSX.read(
      Buffer.from(
        await (await exportBatch(get(`/api/v1/export/batch/${batchId}?format=xlsx`), withId(batchId))).arrayBuffer(),
      ),
      { type: "buffer", cellFormula: true },
    );
    expect(workbook.SheetNames).toEqual(["Dados", "Resumo"]);
    const sheet = workbook.Sheets.Dados!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows).toHaveLength(7);
    const refusedRow = rows.findIndex((r) => r.arquivo === "=planilha.xls");
    expect(refusedRow).toBeGreaterThanOrEqual(0);
    const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0]!;
    const cell = sheet[XLSX.utils.encode_cell({ r: refusedRow + 1, c: header.indexOf("arquivo") })] as XLSX.CellObject;
    expect(cell).toMatchObject({ t: "s", v: "=planilha.xls" });
    expect(cell.f).toBeUndefined();

    const full = await exportBatch(get(`/api/v1/export/batch/${batchId}?format=ndjson`), withId(batchId));
    const lines = (await full.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.arquivo).sort()).toEqual(rows.map((r) => r.arquivo).sort());
    const slim = await exportBatch(
      get(`/api/v1/export/batch/${batchId}?format=ndjson&metadata=false`),
      withId(batchId),
    );
    const slimKeys = Object.keys(JSON.parse((await slim.text()).split("\n")[0]!) as object);
    expect(slimKeys.length).toBeLessThan(Object.keys(lines[0]!).length);
    expect(slimKeys).toContain("arquivo");

    const today = new Date().toISOString().slice(0, 10);
    const range = await csvRows(
      await exportBatch(get(`/api/v1/export/batch/${batchId}?start_date=${today}&end_date=${today}`), withId(batchId)),
    );
    expect(range).toHaveLength(7);
    const until = await csvRows(
      await exportBatch(get(`/api/v1/export/batch/${batchId}?end_date=2000-01-01`), withId(batchId)),
    );
    expect(until).toEqual([]);
  });

  it("success_only, failed_only and a date range; both flags or start after end are refused", async () => {
    const success = await csvRows(
      await exportBatch(get(`/api/v1/export/batch/${batchId}?success_only=true`), withId(batchId)),
    );
    expect(success.map((r) => r.resultado).sort()).toEqual(["duplicada", "sucesso", "sucesso"]);
    const failed = await csvRows(
      await exportBatch(get(`/api/v1/export/batch/${batchId}?failed_only=true`), withId(batchId)),
    );
    expect(failed.map((r) => r.arquivo).sort()).toEqual(["'=planilha.xls", "quebrada.jpg", "sumiu.jpg", "x.jpg"]);
    const future = await csvRows(
      await exportBatch(get(`/api/v1/export/batch/${batchId}?start_date=2099-01-01`), withId(batchId)),
    );
    expect(future).toEqual([]);
    for (const query of ["success_only=true&failed_only=true", "start_date=2026-12-02&end_date=2026-12-01"]) {
      const response = await exportBatch(get(`/api/v1/export/batch/${batchId}?${query}`), withId(batchId));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "VALIDATION_FAILED" });
    }
    await getPrisma().batch.update({ where: { id: otherId }, data: { deletedAt: new Date() } });
    expect((await exportBatch(get(`/api/v1/export/batch/${otherId}`), withId(otherId))).status).toBe(404);
  });

  it("preview: the first rows as JSON with the filters applied; summary: totals, rate, sizes, filter counts", async () => {
    const preview = (await (
      await previewBatch(get(`/api/v1/export/batch/${batchId}/preview?failed_only=true`), withId(batchId))
    ).json()) as { rows: Record<string, unknown>[]; columns: string[]; filters_applied: Record<string, unknown> };
    expect(preview.rows).toHaveLength(4);
    expect(preview.columns.slice(0, 3)).toEqual(["arquivo", "origem_item", "resultado"]);
    expect(preview.filters_applied).toMatchObject({ failed_only: true, success_only: false });

    const summary = batchExportSummarySchema.parse(
      await (await summarizeBatch(get(`/api/v1/export/batch/${batchId}/summary`), withId(batchId))).json(),
    );
    expect(summary).toMatchObject({
      total_items: 7,
      successful: 3,
      duplicates: 1,
      failed: 4,
      pending: 0,
      success_rate: 42.9,
      available_filters: { success_only: 3, failed_only: 4 },
    });
    expect(summary.estimated_size_bytes.csv).toBeGreaterThan(0);
    expect(summary.estimated_size_bytes.xlsx).toBeGreaterThan(0);
    // Seven items are all inside the estimate's sample: the CSV size is the file's, to the byte.
    const csv = await exportBatch(get(`/api/v1/export/batch/${batchId}?format=csv`), withId(batchId));
    expect(summary.estimated_size_bytes.csv).toBe((await csv.arrayBuffer()).byteLength);
  });

  it("preview stops at its first 100 rows; the summary's size past the sample is within 5 % of the file", async () => {
    const prisma = getPrisma();
    const images = Array.from({ length: 130 }, (_, i) => ({
      batchId,
      originalName: `VD26-${String(i).padStart(4, "0")}_${"x".repeat(i % 23)}.jpg`,
      storageKey: `originals/${randomUUID()}.jpg`,
      sha256: randomUUID().replace(/-/g, "").padEnd(64, "b"),
      contentType: "image/jpeg",
      bytes: BigInt(4096 + i),
      processingStatus: "READY" as const,
    }));
    await prisma.image.createMany({ data: images });
    const created = await prisma.image.findMany({ where: { originalName: { in: images.map((i) => i.originalName) } } });
    await prisma.batchUpload.createMany({
      data: created.map((image, i) => ({
        batchId,
        clientUploadId: `many-${i}`,
        originalName: image.originalName,
        bytes: image.bytes,
        imageId: image.id,
      })),
    });
    const preview = (await (
      await previewBatch(get(`/api/v1/export/batch/${batchId}/preview`), withId(batchId))
    ).json()) as { rows: unknown[] };
    expect(preview.rows).toHaveLength(100);
    const summary = batchExportSummarySchema.parse(
      await (await summarizeBatch(get(`/api/v1/export/batch/${batchId}/summary`), withId(batchId))).json(),
    );
    expect(summary.total_items).toBe(137);
    const csv = await exportBatch(get(`/api/v1/export/batch/${batchId}?format=csv`), withId(batchId));
    const bytes = (await csv.arrayBuffer()).byteLength;
    expect(Math.abs(summary.estimated_size_bytes.csv - bytes) / bytes).toBeLessThan(0.05);
  });
});

describe("POST /api/v1/export/batches/multiple", () => {
  const post = (body: unknown) =>
    new Request("http://localhost/api/v1/export/batches/multiple", {
      method: "POST",
      headers: { ...viewer.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const noParams = { params: Promise.resolve({}) };

  it("streams a ZIP with one file per batch", async () => {
    const response = await exportMultiple(post({ batch_ids: [batchId, otherId], format: "json" }), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["Fornecedor A.json", "Fornecedor B.json"]);
    for (const bytes of entries.values()) expect(JSON.parse(bytes.toString("utf8"))).toHaveLength(7);
    expect(await getPrisma().exportRecord.findFirst({ where: { kind: "batches" } })).toMatchObject({
      status: "DONE",
      rows: 14,
    });
  });

  it("names unknown and soft-deleted ids; bounds the count", async () => {
    await getPrisma().batch.update({ where: { id: otherId }, data: { deletedAt: new Date() } });
    const unknown = randomUUID();
    const response = await exportMultiple(post({ batch_ids: [batchId, otherId, unknown], format: "csv" }), noParams);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: string; details: { ids: string } };
    expect(body.error).toBe("EXPORT_BATCHES_NOT_FOUND");
    expect(body.details.ids.split(", ").sort()).toEqual([otherId, unknown].sort());
    const many = Array.from({ length: 5_000 }, () => randomUUID());
    const tooMany = await exportMultiple(post({ batch_ids: many, format: "csv" }), noParams);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toContain("No máximo 100 lotes");
  });
});

// Export jobs on a real PostgreSQL, the real pg-boss worker loop with the real handler, and the real
// local blob storage: a batch export written into storage with its progress, a ZIP of two batches,
// a catalog filter; the download refused to another user, 410 and the blob gone after the expiry,
// a killed worker's job run again from scratch (its half file never served), and bad input.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import Papa from "papaparse";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as exportMultipleLink } from "@/app/api/v1/export/batches/multiple/route";
import { GET as getJob } from "@/app/api/v1/export/jobs/[id]/route";
import { GET as downloadJob } from "@/app/api/v1/export/jobs/[id]/download/route";
import { GET as listJobs, POST as postJob } from "@/app/api/v1/export/jobs/route";
import { getPrisma } from "@/lib/db/client";
import { exportJobHandler } from "@/lib/export/jobs/export-job-handler";
import { expireExportFiles, recoverStalledExportJobs } from "@/lib/export/jobs/maintain-export-jobs";
import { exportJobStorageKey } from "@/lib/export/jobs/run-export-job";
import { exportJobListSchema, exportJobSchema, type ExportJob } from "@/lib/export/jobs/schemas";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { getStorage, setStorage } from "@/lib/storage/get-storage";
import type { BlobStorage } from "@/lib/storage/types";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { unzip } from "../../support/unzip";
import { waitUntil } from "../../support/wait";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let owner: Auth;
let other: Auth;
let admin: Auth;
const realStorage = getStorage();

const noParams = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (auth: Auth, body: unknown) =>
  postJob(
    new Request("http://localhost/api/v1/export/jobs", {
      method: "POST",
      headers: { ...auth.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    noParams,
  );
const get = (auth: Auth, path: string) => new Request(`http://localhost${path}`, { headers: auth.headers });

async function job(auth: Auth, id: string): Promise<{ job: ExportJob; poll: string | null; status: number }> {
  const response = await getJob(get(auth, `/api/v1/export/jobs/${id}`), withId(id));
  const body = await response.json();
  return {
    job: response.status === 200 ? exportJobSchema.parse(body) : body,
    poll: response.headers.get("x-polling-interval"),
    status: response.status,
  };
}

async function finished(id: string): Promise<ExportJob> {
  let last: ExportJob | undefined;
  await waitUntil(
    async () => {
      last = (await job(owner, id)).job;
      return last.status !== "QUEUED" && last.status !== "RUNNING";
    },
    30_000,
    "the export job to end",
  );
  return last!;
}

async function csvOf(response: Response): Promise<Record<string, string>[]> {
  expect(response.status, response.status === 200 ? "" : await response.clone().text()).toBe(200);
  const text = Buffer.from(await response.arrayBuffer()).toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<Record<string, string>>(text.slice(1), { delimiter: ";", header: true, skipEmptyLines: true }).data;
}

/** A batch with `n` processed photos (rows written straight: the export reads rows, not files). */
async function seedBatch(name: string, n: number, failed = 0): Promise<string> {
  const prisma = getPrisma();
  const batch = await prisma.batch.create({ data: { name } });
  const images = Array.from({ length: n + failed }, (_, i) => ({
    id: randomUUID(),
    batchId: batch.id,
    originalName: `${name.replace(/\W/g, "")}_${String(i).padStart(5, "0")}.jpg`,
    storageKey: `originals/${randomUUID()}.jpg`,
    sha256: randomUUID().replace(/-/g, "").padEnd(64, "0"),
    contentType: "image/jpeg",
    bytes: BigInt(1000),
    processingStatus: i < n ? ("READY" as const) : ("FAILED" as const),
  }));
  await prisma.image.createMany({ data: images });
  await prisma.batchUpload.createMany({
    data: images.map((image) => ({
      batchId: batch.id,
      clientUploadId: image.id,
      originalName: image.originalName,
      bytes: image.bytes,
      imageId: image.id,
    })),
  });
  return batch.id;
}

/** The real store, read slowly: a job then runs long enough for its progress to be seen between start and end. */
function slowStorage(delayMs: number): BlobStorage {
  return {
    ...realStorage,
    driver: realStorage.driver,
    put: (key, body, opts) => {
      if (Buffer.isBuffer(body)) return realStorage.put(key, body, opts);
      const slowed = Readable.from(
        (async function* () {
          for await (const chunk of body) {
            await new Promise((resolve) => setTimeout(resolve, delayMs));
            yield chunk as Buffer;
          }
        })(),
      );
      return realStorage.put(key, slowed, opts);
    },
  };
}

beforeAll(async () => {
  await startWorkers({ handlers: [exportJobHandler] });
});
afterAll(async () => {
  await stopWorkers();
});
beforeEach(async () => {
  await truncateAllTables();
  owner = await apiTokenFor("VIEWER");
  other = await apiTokenFor("EDITOR");
  admin = await apiTokenFor("ADMIN");
});
afterEach(() => setStorage(realStorage));

describe("POST /api/v1/export/jobs → worker → blob storage", () => {
  it("writes a batch's CSV into storage with its progress, then serves it to its asker and an ADMIN only", async () => {
    const batchId = await seedBatch("Lote Grande", 10_000, 100);
    // The writers hand the store one chunk per page of 1,000 rows: 10 chunks, 400 ms each through the
    // slowed store, so the job runs ~4 s and its once-a-second progress is seen part-way.
    setStorage(slowStorage(400));
    const created = await post(owner, { kind: "batch", batch_id: batchId, format: "csv", success_only: true });
    expect(created.status).toBe(202);
    const queued = exportJobSchema.parse(await created.json());
    expect(queued).toMatchObject({ kind: "batch", format: "csv", user_id: owner.user.id, download_url: null });

    // Seen running, part-way: rows so far of the total counted at the start.
    let running: ExportJob | undefined;
    await waitUntil(
      async () => {
        const { job: now, poll } = await job(owner, queued.id);
        expect(poll).toBe(now.status === "QUEUED" || now.status === "RUNNING" ? "2" : "60");
        if (now.status === "RUNNING" && now.rows > 0 && now.rows < 10_000) running = now;
        return running !== undefined || now.status === "DONE";
      },
      20_000,
      "the job seen part-way",
    );
    expect(running).toMatchObject({ status: "RUNNING", total_rows: 10_000 });
    expect(running!.progress).toBeGreaterThan(0);
    expect(running!.progress).toBeLessThan(100);
    // Not downloadable before it is done.
    const early = await downloadJob(get(owner, `/api/v1/export/jobs/${queued.id}/download`), withId(queued.id));
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: "EXPORT_JOB_NOT_READY", details: { status: "RUNNING" } });

    const done = await finished(queued.id);
    expect(done).toMatchObject({ status: "DONE", rows: 10_000, total_rows: 10_000, progress: 100 });
    expect(done.download_url).toBe(`/api/v1/export/jobs/${queued.id}/download`);
    expect(done.bytes).toBeGreaterThan(0);
    const key = exportJobStorageKey(queued.id, "csv");
    expect((await realStorage.head(key))?.size).toBe(done.bytes);

    const response = await downloadJob(get(owner, done.download_url!), withId(queued.id));
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="exportacao-batch-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = await csvOf(response);
    expect(rows).toHaveLength(10_000);
    expect(rows.every((r) => r.resultado === "sucesso")).toBe(true);
    expect(new Set(rows.map((r) => r.arquivo)).size).toBe(10_000);

    // Another user: as if it did not exist; an ADMIN may download it.
    const refused = await downloadJob(get(other, done.download_url!), withId(queued.id));
    expect(refused.status).toBe(404);
    expect((await job(other, queued.id)).status).toBe(404);
    expect(await csvOf(await downloadJob(get(admin, done.download_url!), withId(queued.id)))).toHaveLength(10_000);

    // Lists: the asker's own; an ADMIN's everyone's.
    const mine = exportJobListSchema.parse(await (await listJobs(get(owner, "/api/v1/export/jobs"), noParams)).json());
    expect(mine.items.map((j) => j.id)).toEqual([queued.id]);
    const others = exportJobListSchema.parse(
      await (await listJobs(get(other, "/api/v1/export/jobs"), noParams)).json(),
    );
    expect(others.items).toEqual([]);
    const all = exportJobListSchema.parse(await (await listJobs(get(admin, "/api/v1/export/jobs"), noParams)).json());
    expect(all.items.map((j) => j.id)).toEqual([queued.id]);
  });

  it("writes a ZIP of two batches, and a catalog filter's photos as JSON", async () => {
    const a = await seedBatch("Fornecedor A", 3);
    const b = await seedBatch("Fornecedor B", 2, 1);
    const zip = exportJobSchema.parse(
      await (await post(owner, { kind: "batches", batch_ids: [a, b], format: "csv" })).json(),
    );
    expect((await finished(zip.id)).status).toBe("DONE");
    const response = await downloadJob(get(owner, `/api/v1/export/jobs/${zip.id}/download`), withId(zip.id));
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["Fornecedor A.csv", "Fornecedor B.csv"]);
    const parse = (bytes: Buffer) =>
      Papa.parse<Record<string, string>>(bytes.toString("utf8").slice(1), {
        delimiter: ";",
        header: true,
        skipEmptyLines: true,
      }).data;
    expect(parse(entries.get("Fornecedor A.csv")!)).toHaveLength(3);
    expect(
      parse(entries.get("Fornecedor B.csv")!)
        .map((r) => r.resultado)
        .sort(),
    ).toEqual(["falha", "sucesso", "sucesso"]);

    const filtered = exportJobSchema.parse(
      await (await post(owner, { kind: "filtered", filters: { batchId: b }, format: "json", metadata: false })).json(),
    );
    const done = await finished(filtered.id);
    expect(done).toMatchObject({ status: "DONE", rows: 3, total_rows: 3 });
    const json = await (await downloadJob(get(owner, done.download_url!), withId(filtered.id))).json();
    expect((json as { arquivo: string }[]).map((r) => r.arquivo).sort()).toEqual([
      "FornecedorB_00000.jpg",
      "FornecedorB_00001.jpg",
      "FornecedorB_00002.jpg",
    ]);
  });

  it("after its expiry the download is 410 and the sweep deletes the blob", async () => {
    const batchId = await seedBatch("Expira", 5);
    const created = exportJobSchema.parse(
      await (await post(owner, { kind: "batch", batch_id: batchId, format: "xlsx" })).json(),
    );
    const done = await finished(created.id);
    const key = exportJobStorageKey(created.id, "xlsx");
    expect(done.expires_at).not.toBeNull();
    expect(new Date(done.expires_at!).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(await realStorage.head(key)).not.toBeNull();

    await getPrisma().exportRecord.update({
      where: { id: created.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    // Expired already, before any sweep.
    const gone = await downloadJob(get(owner, `/api/v1/export/jobs/${created.id}/download`), withId(created.id));
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: "EXPORT_JOB_EXPIRED" });
    expect((await job(owner, created.id)).job).toMatchObject({ status: "EXPIRED", download_url: null });

    expect(await expireExportFiles()).toBe(1);
    expect(await realStorage.head(key)).toBeNull();
    expect(await getPrisma().exportRecord.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      status: "EXPIRED",
      storageKey: null,
    });
    expect(
      (await downloadJob(get(owner, `/api/v1/export/jobs/${created.id}/download`), withId(created.id))).status,
    ).toBe(410);
    expect(await expireExportFiles()).toBe(0);
  });

  it("a job whose worker was killed mid-file runs again from scratch; the half file is never served", async () => {
    const batchId = await seedBatch("Morto", 1_500);
    // What a worker killed mid-file leaves: the record RUNNING (attempt 1, progress stopped long ago)
    // and a partial file at the job's key.
    const record = await getPrisma().exportRecord.create({
      data: {
        kind: "batch",
        format: "csv",
        userId: owner.user.id,
        status: "RUNNING",
        attempt: 1,
        rows: 1_000,
        totalRows: 1_500,
        heartbeatAt: new Date(Date.now() - 10 * 60_000),
        params: {
          kind: "batch",
          batch_id: batchId,
          format: "csv",
          metadata: true,
          separator: ";",
          success_only: false,
          failed_only: false,
        },
      },
    });
    const key = exportJobStorageKey(record.id, "csv");
    await realStorage.put(key, Buffer.from("\uFEFFarquivo;resultado\nmeio-arquivo"), { contentType: "text/csv" });
    const early = await downloadJob(get(owner, `/api/v1/export/jobs/${record.id}/download`), withId(record.id));
    expect(early.status).toBe(409);

    expect(await recoverStalledExportJobs()).toBe(1);
    const done = await finished(record.id);
    expect(done).toMatchObject({ status: "DONE", rows: 1_500, total_rows: 1_500 });
    expect((await getPrisma().exportRecord.findUniqueOrThrow({ where: { id: record.id } })).attempt).toBe(2);
    const rows = await csvOf(await downloadJob(get(owner, done.download_url!), withId(record.id)));
    expect(rows).toHaveLength(1_500);
    expect(rows.some((r) => r.arquivo === "meio-arquivo")).toBe(false);
    // A fresh job is left alone.
    expect(await recoverStalledExportJobs()).toBe(0);
  });
});

describe("GET /api/v1/export/batches/multiple (the Lotes page's link)", () => {
  it("streams the same ZIP as the POST from a query, and refuses bad or too many ids", async () => {
    const a = await seedBatch("Link A", 2);
    const b = await seedBatch("Link B", 1);
    const link = (query: string) =>
      exportMultipleLink(get(owner, `/api/v1/export/batches/multiple?${query}`), noParams);
    const response = await link(`batch_ids=${a},${b}&format=ndjson&metadata=false`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="lotes-2-/);
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    expect([...entries.keys()]).toEqual(["Link A.ndjson", "Link B.ndjson"]);
    expect(entries.get("Link A.ndjson")!.toString("utf8").trim().split("\n")).toHaveLength(2);
    const tooMany = Array.from({ length: 101 }, () => randomUUID()).join(",");
    for (const query of ["batch_ids=", "batch_ids=nao-e-id", `batch_ids=${tooMany}`, `batch_ids=${a}&extra=1`])
      expect((await link(query)).status, query.slice(0, 40)).toBe(400);
    const missing = await link(`batch_ids=${a},${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("EXPORT_BATCHES_NOT_FOUND");
  });
});

describe("bad input", () => {
  it("refuses an unknown format, unknown batches, an unknown kind and bad ids, queuing nothing", async () => {
    const batchId = await seedBatch("Válido", 1);
    const format = await post(owner, { kind: "batch", batch_id: batchId, format: "pdf" });
    expect(format.status).toBe(400);
    expect(await format.json()).toMatchObject({ error: "EXPORT_FORMAT_UNSUPPORTED", details: { format: "pdf" } });

    const unknown = randomUUID();
    const missing = await post(owner, { kind: "batches", batch_ids: [batchId, unknown], format: "csv" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "EXPORT_BATCHES_NOT_FOUND", details: { ids: unknown } });

    const noBatch = await post(owner, { kind: "batch", batch_id: unknown });
    expect(noBatch.status).toBe(404);

    for (const body of [
      { kind: "relatorio", format: "csv" },
      { kind: "batch", batch_id: "not-a-uuid" },
      { kind: "batch", batch_id: batchId, success_only: true, failed_only: true },
      { kind: "batch", batch_id: batchId, start_date: "2026-03-02", end_date: "2026-03-01" },
      { kind: "batches", batch_ids: [] },
      { kind: "batches", batch_ids: Array.from({ length: 5_000 }, () => randomUUID()) },
      { kind: "filtered", filters: { nope: "1" } },
    ]) {
      const response = await post(owner, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await response.json()).error).toBe("VALIDATION_FAILED");
    }
    expect(await getPrisma().exportRecord.count()).toBe(0);

    const badId = await getJob(get(owner, "/api/v1/export/jobs/nao-e-id"), withId("nao-e-id"));
    expect(badId.status).toBe(404);
  });

  it("fails a job whose batch was deleted after it was asked for, with the code", async () => {
    const batchId = await seedBatch("Some", 2);
    await stopWorkers();
    try {
      const created = exportJobSchema.parse(await (await post(owner, { kind: "batch", batch_id: batchId })).json());
      await getPrisma().batch.update({ where: { id: batchId }, data: { deletedAt: new Date() } });
      await startWorkers({ handlers: [exportJobHandler] });
      expect(await finished(created.id)).toMatchObject({
        status: "FAILED",
        error_code: "NOT_FOUND",
        download_url: null,
      });
    } finally {
      await startWorkers({ handlers: [exportJobHandler] });
    }
  });
});

import { Readable } from "node:stream";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as cloneRoute } from "@/app/api/v1/batches/[id]/clone/route";
import { POST as restoreRoute } from "@/app/api/v1/batches/[id]/restore/route";
import { DELETE as deleteRoute, GET as getBatchRoute } from "@/app/api/v1/batches/[id]/route";
import { POST as softDeleteRoute } from "@/app/api/v1/batches/[id]/soft-delete/route";
import { GET as listRoute } from "@/app/api/v1/batches/route";
import { startAllBatches } from "@/lib/batches/batch-control";
import { moveBatchOrThrow } from "@/lib/batches/batch-lifecycle";
import { createBatch } from "@/lib/batches/create-batch";
import { getUploadTargetOrThrow } from "@/lib/batches/get-upload-target";
import { ingestUpload } from "@/lib/batches/ingest-upload";
import { purgeExpiredBatches } from "@/lib/batches/retention/purge-expired-batches";
import { cloneBatchResultSchema, deleteBatchResultSchema } from "@/lib/batches/retention/schemas";
import { sqlUuidV7 } from "@/lib/batches/retention/sql-uuid-v7";
import { batchDetailSchema } from "@/lib/batches/schemas";
import { getDashboardCounts } from "@/lib/dashboard/get-dashboard-counts";
import { getPrisma, Prisma, type BatchStatus, type ProcessingStatus } from "@/lib/db/client";
import { previewKey } from "@/lib/images/preview-key";
import { stopBoss } from "@/lib/jobs/boss";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";
import { createUrlBatch } from "../../support/url-batch-fixtures";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

let editor: Auth;
let admin: Auth;
let viewer: Auth;

beforeEach(async () => {
  await truncateAllTables();
  [editor, admin, viewer] = await Promise.all([apiTokenFor("EDITOR"), apiTokenFor("ADMIN"), apiTokenFor("VIEWER")]);
});

afterAll(async () => {
  await stopBoss();
});

const BASE = "http://localhost:3000/api/v1/batches";

function call(
  handler: Handler,
  auth: Auth,
  id: string,
  init: { method?: string; body?: unknown; query?: string } = {},
) {
  const request = new Request(`${BASE}/${id}${init.query ?? ""}`, {
    method: init.method ?? "POST",
    headers: { ...auth.headers, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve({ id }) });
}

async function list(query: string, auth: Auth = viewer) {
  const response = await listRoute(new Request(`${BASE}${query}`, { headers: auth.headers }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, body: await response.json() };
}

/** An upload batch with one real JPEG per seed, its images in `processing` (with a real thumbnail when READY). */
async function uploadBatch(name: string, seeds: number[], processing: ProcessingStatus = "READY") {
  const batch = await createBatch(editor.user, { name });
  const imageIds: string[] = [];
  for (const seed of seeds) {
    const result = await ingestUpload({
      batch: { id: batch.id, status: "UPLOADING", brandId: null, collectionId: null },
      uploadId: `u-${seed}`,
      fileName: `foto-${seed}.jpg`,
      relativePath: null,
      body: Readable.from([await makeJpeg(seed)]),
      maxBytes: 10_000_000,
    });
    imageIds.push(result.imageId!);
  }
  for (const id of imageIds) {
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id } });
    if (image.batchId !== batch.id) continue;
    const thumbnailKey = processing === "READY" ? newStorageKey("thumbnails", "jpg") : null;
    if (thumbnailKey)
      await getStorage().put(thumbnailKey, await makeJpeg(1000 + seeds[imageIds.indexOf(id)]!), {
        contentType: "image/jpeg",
      });
    await getPrisma().image.update({ where: { id }, data: { processingStatus: processing, thumbnailKey } });
  }
  const status: BatchStatus =
    processing === "READY" ? "COMPLETED" : processing === "FAILED" ? "COMPLETED_WITH_ERRORS" : "UPLOADING";
  await getPrisma().batch.update({ where: { id: batch.id }, data: { status } });
  return { batchId: batch.id, imageIds };
}

async function blobsOf(imageId: string) {
  const image = await getPrisma().image.findUniqueOrThrow({ where: { id: imageId } });
  return { original: image.storageKey, thumbnail: image.thumbnailKey, preview: previewKey(image.sha256) };
}

const exists = async (key: string | null) => key !== null && (await getStorage().head(key)) !== null;

const statusOf = async (id: string) => (await getPrisma().batch.findUniqueOrThrow({ where: { id } })).status;

describe("GET /api/v1/batches filters (seed 004: status, limit, pagination, include_soft_deleted)", () => {
  it("filters by one status, a comma list and seed 004's lowercase aliases", async () => {
    const ids: Record<string, string> = {};
    for (const status of ["DRAFT", "QUEUED", "PROCESSING", "PAUSED", "COMPLETED_WITH_ERRORS"] as const) {
      const batch = await createBatch(editor.user, { name: `Lote ${status}` });
      await getPrisma().batch.update({ where: { id: batch.id }, data: { status } });
      ids[status] = batch.id;
    }
    expect((await list("?status=QUEUED")).body.items.map((b: { id: string }) => b.id)).toEqual([ids.QUEUED]);
    const several = await list("?status=processing,PAUSED");
    expect(several.body.items.map((b: { id: string }) => b.id).sort()).toEqual([ids.PROCESSING, ids.PAUSED].sort());
    expect((await list("?status=failed")).body.items.map((b: { id: string }) => b.id)).toEqual([
      ids.COMPLETED_WITH_ERRORS,
    ]);
    expect((await list("?status=pending")).body.items.map((b: { id: string }) => b.id)).toEqual([ids.DRAFT]);
    const unknown = await list("?status=QUEUED,banana");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("VALIDATION_FAILED");
  });

  it("pages by keyset cursor with limit (per_page an alias), most recent first, and refuses seed 004's page numbers", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createBatch(editor.user, { name: `Lote ${i}` })).id);
    const newestFirst = [...created].reverse();
    const first = await list("?limit=2");
    expect(first.body.items.map((b: { id: string }) => b.id)).toEqual(newestFirst.slice(0, 2));
    const second = await list(`?per_page=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((b: { id: string }) => b.id)).toEqual(newestFirst.slice(2, 4));
    const third = await list(`?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((b: { id: string }) => b.id)).toEqual(newestFirst.slice(4));
    expect(third.body.nextCursor).toBeNull();
    expect((await list("?limit=101")).status).toBe(400);
    const paged = await list("?page=2");
    expect(paged.status).toBe(400);
    expect(paged.body.details[0].path).toBe("page");
  });

  it("hides soft-deleted batches unless include_soft_deleted=true — also from Processar Todos, the dashboard and the filter options", async () => {
    const kept = await uploadBatch("Lote visível", [1], "UPLOADED");
    const hidden = await uploadBatch("Lote excluído", [2], "UPLOADED");
    await getPrisma().batch.update({ where: { id: hidden.batchId }, data: { status: "DRAFT" } });
    const deleted = await call(softDeleteRoute, editor, hidden.batchId, { body: { retention_days: 7 } });
    expect(deleted.status).toBe(200);
    // A deleted draft that received a file meanwhile (uploads do not look at deletedAt): still not started by "Processar Todos".
    await getPrisma().batch.update({ where: { id: hidden.batchId }, data: { status: "UPLOADING" } });

    expect((await list("")).body.items.map((b: { id: string }) => b.id)).toEqual([kept.batchId]);
    const all = await list("?include_soft_deleted=true");
    expect(all.body.items.map((b: { id: string }) => b.id)).toEqual([hidden.batchId, kept.batchId]);
    expect(all.body.items[0].deletedAt).not.toBeNull();
    expect((await list("?include_soft_deleted=false&status=UPLOADING")).body.items).toHaveLength(1);

    expect((await getDashboardCounts()).batches).toBe(1);
    expect((await listQueueFilterOptions()).batches.map((b) => b.id)).toEqual([kept.batchId]);
    // Its photos stay in the catalog until the purge.
    expect(await getPrisma().image.count({ where: { batchId: hidden.batchId } })).toBe(1);

    expect(await startAllBatches(editor.user)).toEqual([kept.batchId]);
    expect(await statusOf(hidden.batchId)).toBe("UPLOADING");
  });
});

describe("POST /api/v1/batches/{id}/clone", () => {
  it("clones an upload batch by linking the same images, its status as its images say", async () => {
    const other = await uploadBatch("Outro lote", [30], "READY");
    const source = await uploadBatch("Lote original", [31, 32, 30], "READY");
    await getPrisma().image.update({ where: { id: source.imageIds[1]! }, data: { processingStatus: "FAILED" } });

    const response = await call(cloneRoute, editor, source.batchId, {
      body: { new_name: "Lote clonado", copy_results: false },
    });
    expect(response.status).toBe(201);
    const clone = cloneBatchResultSchema.parse(await response.json());
    expect(clone).toMatchObject({
      name: "Lote clonado",
      source: "UPLOAD",
      status: "COMPLETED_WITH_ERRORS",
      clonedFromId: source.batchId,
      cloned: { linked: 3, pending: 0 },
    });
    expect(clone.counts).toMatchObject({ total: 3, processed: 2, failed: 1, duplicates: 1 });
    const links = await getPrisma().batchUpload.findMany({ where: { batchId: clone.id }, orderBy: { id: "asc" } });
    expect(links.map((l) => l.imageId)).toEqual(source.imageIds);
    expect(links.map((l) => l.clientUploadId)).toEqual(["u-31", "u-32", "u-30"]);
    // No image row and no blob was copied; the images keep their owner.
    expect(await getPrisma().image.count()).toBe(3);
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: other.imageIds[0]! } })).batchId).toBe(
      other.batchId,
    );

    const allReady = await uploadBatch("Lote pronto", [33], "READY");
    const readyClone = await (
      await call(cloneRoute, editor, allReady.batchId, { body: { new_name: "Pronto 2" } })
    ).json();
    expect(readyClone.status).toBe("COMPLETED");
    const notStarted = await uploadBatch("Lote não iniciado", [34], "UPLOADED");
    const draftClone = await (
      await call(cloneRoute, editor, notStarted.batchId, { body: { new_name: "Não iniciado 2" } })
    ).json();
    expect(draftClone.status).toBe("UPLOADING");
  });

  it("clones a URL batch to fetch again: same chunks, URLs PENDING in order, lines refused at import kept as they were", async () => {
    const source = await createUrlBatch({
      name: "Lote URLs",
      chunkSize: 2,
      status: "COMPLETED_WITH_ERRORS",
      rows: [
        { url: "http://127.0.0.1:9/a.jpg", status: "STORED", imageSeed: 40 },
        {
          url: "http://127.0.0.1:9/b.jpg",
          status: "FAILED",
          errorCategory: "HTTP_5XX",
          errorCode: "URL_HTTP_ERROR",
          attempts: 3,
        },
        { url: "nao-e-url", status: "FAILED", errorCategory: "INVALID_URL", errorCode: "URL_INVALID", attempts: 0 },
        { url: "http://127.0.0.1:9/c.jpg", status: "DUPLICATE", imageSeed: 40 },
        { url: "http://127.0.0.1:9/d.jpg" },
      ],
    });
    const response = await call(cloneRoute, editor, source.batchId, {
      body: { new_name: "Refazer", copy_results: false },
    });
    expect(response.status).toBe(201);
    const clone = await response.json();
    expect(clone).toMatchObject({
      source: "URL_LIST",
      status: "DRAFT",
      chunkSize: 2,
      clonedFromId: source.batchId,
      cloned: { linked: 0, pending: 4 },
    });
    expect(clone.urlCounts).toMatchObject({ total: 5, pending: 4, failed: 1, stored: 0 });
    const urls = await getPrisma().batchUrl.findMany({
      where: { batchId: clone.id },
      orderBy: { id: "asc" },
      include: { chunk: true },
    });
    expect(urls.map((u) => [u.url, u.status, u.lineNumber, u.chunk.index, u.imageId])).toEqual([
      ["http://127.0.0.1:9/a.jpg", "PENDING", 1, 0, null],
      ["http://127.0.0.1:9/b.jpg", "PENDING", 2, 0, null],
      ["nao-e-url", "FAILED", 3, 1, null],
      ["http://127.0.0.1:9/c.jpg", "PENDING", 4, 1, null],
      ["http://127.0.0.1:9/d.jpg", "PENDING", 5, 2, null],
    ]);
    expect(urls[2]).toMatchObject({ errorCategory: "INVALID_URL", errorCode: "URL_INVALID" });
    expect(urls[1]).toMatchObject({ errorCategory: null, errorCode: null, attempts: 0 });
    const chunks = await getPrisma().batchChunk.findMany({ where: { batchId: clone.id }, orderBy: { index: "asc" } });
    expect(chunks.map((c) => [c.index, c.total, c.status])).toEqual([
      [0, 2, "PENDING"],
      [1, 2, "PENDING"],
      [2, 1, "PENDING"],
    ]);
    expect(await getPrisma().batchUpload.count({ where: { batchId: clone.id } })).toBe(0);
  });

  it("with copy_results keeps the URLs already stored, linked to the same images, and fetches only the others", async () => {
    const source = await createUrlBatch({
      name: "Lote URLs",
      chunkSize: 2,
      status: "COMPLETED_WITH_ERRORS",
      rows: [
        { url: "http://127.0.0.1:9/a.jpg", status: "STORED", imageSeed: 50 },
        { url: "http://127.0.0.1:9/b.jpg", status: "DUPLICATE", imageSeed: 50 },
        {
          url: "http://127.0.0.1:9/c.jpg",
          status: "FAILED",
          errorCategory: "TIMEOUT",
          errorCode: "URL_TIMEOUT",
          attempts: 2,
        },
      ],
    });
    const clone = await (
      await call(cloneRoute, editor, source.batchId, { body: { new_name: "Só falhas", copy_results: true } })
    ).json();
    expect(clone.cloned).toEqual({ linked: 2, pending: 1 });
    expect(clone.urlCounts).toMatchObject({ total: 3, stored: 1, duplicate: 1, pending: 1 });
    expect(clone.counts).toMatchObject({ total: 2, duplicates: 1 });
    const urls = await getPrisma().batchUrl.findMany({ where: { batchId: clone.id }, orderBy: { id: "asc" } });
    expect(urls.map((u) => [u.status, u.imageId])).toEqual([
      ["STORED", source.imageIds[0]],
      ["DUPLICATE", source.imageIds[0]],
      ["PENDING", null],
    ]);
    const uploads = await getPrisma().batchUpload.findMany({ where: { batchId: clone.id }, orderBy: { id: "asc" } });
    expect(uploads.map((u) => [u.clientUploadId, u.imageId, u.isDuplicate])).toEqual([
      [`url:${urls[0]!.id}`, source.imageIds[0], false],
      [`url:${urls[1]!.id}`, source.imageIds[0], true],
    ]);
    const chunks = await getPrisma().batchChunk.findMany({ where: { batchId: clone.id }, orderBy: { index: "asc" } });
    expect(chunks.map((c) => c.status)).toEqual(["COMPLETED", "PENDING"]);
  });

  it("with auto_start starts the clone through startBatch (audited BATCH_START) instead of leaving a draft", async () => {
    const source = await createUrlBatch({ name: "Lote URLs", rows: [{ url: "http://127.0.0.1:9/a.jpg" }] });
    const clone = await (
      await call(cloneRoute, editor, source.batchId, { body: { new_name: "Já iniciado", auto_start: true } })
    ).json();
    expect(clone.status).not.toBe("DRAFT");
    expect(clone.startedAt).not.toBeNull();
    const actions = await getPrisma().auditLog.findMany({ where: { entityId: clone.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["BATCH_CLONE", "BATCH_START"]);
  });

  it("clones 20,000 URLs with bulk statements (no row by row)", async () => {
    const batch = await getPrisma().batch.create({ data: { name: "Grande", source: "URL_LIST", chunkSize: 2000 } });
    const ms = Date.now();
    await getPrisma().$executeRaw`
      INSERT INTO "BatchChunk" ("id", "batchId", "index", "total", "updatedAt")
      SELECT ${sqlUuidV7(ms, Prisma.sql`i::bigint`)}, ${batch.id}::uuid, i, 2000, now() FROM generate_series(0, 9) i`;
    await getPrisma().$executeRaw`
      INSERT INTO "BatchUrl" ("id", "batchId", "chunkId", "lineNumber", "url", "updatedAt")
      SELECT ${sqlUuidV7(ms, Prisma.sql`n::bigint`)}, ${batch.id}::uuid, c."id", n, 'http://127.0.0.1:9/' || n || '.jpg', now()
      FROM generate_series(1, 20000) n JOIN "BatchChunk" c ON c."batchId" = ${batch.id}::uuid AND c."index" = (n - 1) / 2000`;
    const clone = await (await call(cloneRoute, editor, batch.id, { body: { new_name: "Grande 2" } })).json();
    expect(clone.urlCounts).toMatchObject({ total: 20000, pending: 20000 });
    const order = await getPrisma().$queryRaw<{ ok: boolean }[]>`
      SELECT bool_and(prev IS NULL OR prev < "lineNumber") AS ok FROM (
        SELECT "lineNumber", lag("lineNumber") OVER (ORDER BY "id") AS prev FROM "BatchUrl" WHERE "batchId" = ${clone.id}::uuid) s`;
    expect(order[0]!.ok).toBe(true);
  });

  it("refuses to clone a soft-deleted batch and a viewer", async () => {
    const source = await uploadBatch("Lote", [60]);
    expect((await call(cloneRoute, viewer, source.batchId, { body: { new_name: "x" } })).status).toBe(403);
    await call(softDeleteRoute, editor, source.batchId, { body: {} });
    const refused = await call(cloneRoute, editor, source.batchId, { body: { new_name: "x" } });
    expect(refused.status).toBe(409);
    expect((await refused.json()).details.code).toBe("BATCH_DELETED");
    expect((await call(cloneRoute, editor, source.batchId, { body: { name: "x" } })).status).toBe(400);
  });
});

describe("soft delete and restore", () => {
  it("soft-deletes for retention_days (default 30, 1..365) and restores, audited", async () => {
    const batch = await uploadBatch("Lote", [70]);
    const before = Date.now();
    const response = await call(softDeleteRoute, editor, batch.batchId, { body: {} });
    expect(response.status).toBe(200);
    const deleted = batchDetailSchema.parse(await response.json());
    const days = (Date.parse(deleted.purgeAfter!) - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    expect(deleted.deletedAt).not.toBeNull();
    const again = await call(softDeleteRoute, editor, batch.batchId, { body: { retention_days: 5 } });
    expect((await again.json()).details.code).toBe("BATCH_DELETED");
    // No new files into a deleted batch, and the controls leave it alone.
    await expect(getUploadTargetOrThrow(batch.batchId)).rejects.toMatchObject({ details: { code: "BATCH_DELETED" } });
    await expect(moveBatchOrThrow(batch.batchId, "start")).rejects.toMatchObject({
      details: { code: "BATCH_DELETED" },
    });
    const detail = await (
      await getBatchRoute(new Request(`${BASE}/${batch.batchId}`, { headers: viewer.headers }), {
        params: Promise.resolve({ id: batch.batchId }),
      })
    ).json();
    expect(detail.deletedAt).toBe(deleted.deletedAt);

    expect((await call(restoreRoute, viewer, batch.batchId)).status).toBe(403);
    const restored = await call(restoreRoute, editor, batch.batchId);
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ deletedAt: null, purgeAfter: null });
    expect((await (await call(restoreRoute, editor, batch.batchId)).json()).details.code).toBe("BATCH_NOT_DELETED");

    for (const retention_days of [0, 366, 1.5]) {
      expect((await call(softDeleteRoute, editor, batch.batchId, { body: { retention_days } })).status).toBe(400);
    }
    expect((await call(softDeleteRoute, viewer, batch.batchId, { body: {} })).status).toBe(403);
    const actions = await getPrisma().auditLog.findMany({ where: { entityId: batch.batchId }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["BATCH_CREATE", "BATCH_SOFT_DELETE", "BATCH_RESTORE"]);
  });

  it("refuses an active batch with BATCH_ACTIVE (pause or cancel it first) and restores nothing past its purge date", async () => {
    for (const status of ["QUEUED", "PROCESSING", "UPLOADING"] as const) {
      const batch = await createBatch(editor.user, { name: status });
      await getPrisma().batch.update({ where: { id: batch.id }, data: { status } });
      const refused = await call(softDeleteRoute, editor, batch.id, { body: {} });
      expect(refused.status).toBe(409);
      expect((await refused.json()).details).toEqual({ code: "BATCH_ACTIVE", status });
    }
    const paused = await createBatch(editor.user, { name: "pausado" });
    await getPrisma().batch.update({ where: { id: paused.id }, data: { status: "PAUSED" } });
    expect((await call(softDeleteRoute, editor, paused.id, { body: { retention_days: 1 } })).status).toBe(200);
    await getPrisma().batch.update({ where: { id: paused.id }, data: { purgeAfter: new Date(Date.now() - 1000) } });
    const late = await call(restoreRoute, editor, paused.id);
    expect(late.status).toBe(409);
    expect((await late.json()).details.code).toBe("BATCH_PURGE_DUE");
  });
});

describe("DELETE /api/v1/batches/{id}?force=", () => {
  it("refuses an active batch with BATCH_ACTIVE unless force=true, which cancels it first", async () => {
    const batch = await uploadBatch("Ativo", [80], "QUEUED");
    await getPrisma().batch.update({ where: { id: batch.batchId }, data: { status: "PROCESSING" } });
    const { original } = await blobsOf(batch.imageIds[0]!);
    const refused = await call(deleteRoute, admin, batch.batchId, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).details).toEqual({ code: "BATCH_ACTIVE", status: "PROCESSING" });
    expect(await exists(original)).toBe(true);

    const forced = await call(deleteRoute, admin, batch.batchId, { method: "DELETE", query: "?force=true" });
    expect(forced.status).toBe(200);
    expect(deleteBatchResultSchema.parse(await forced.json())).toMatchObject({
      batchId: batch.batchId,
      imagesDeleted: 1,
      imagesKept: 0,
      blobsDeleted: 1,
    });
    expect(await getPrisma().batch.count({ where: { id: batch.batchId } })).toBe(0);
    expect(await exists(original)).toBe(false);
    const audit = await getPrisma().auditLog.findMany({ where: { entityId: batch.batchId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["BATCH_CREATE", "BATCH_CANCEL", "BATCH_DELETE"]);
  });

  it("deletes the rows and the images no other batch uses; a shared image stays, owned by the other batch, with its blobs", async () => {
    const source = await uploadBatch("Original", [90, 91], "READY");
    const clone = await (await call(cloneRoute, editor, source.batchId, { body: { new_name: "Clone" } })).json();
    const only = await uploadBatch("Só dele", [92], "READY");
    await getPrisma().batchUploadRefusal.create({
      data: {
        batchId: only.batchId,
        clientUploadId: "r1",
        originalName: "x.txt",
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "x",
      },
    });
    const onlyBlobs = await blobsOf(only.imageIds[0]!);
    await getStorage().put(onlyBlobs.preview, Buffer.from("webp"), { contentType: "image/webp" });
    const sharedBlobs = await blobsOf(source.imageIds[0]!);

    // An EDITOR may delete an empty batch only.
    const empty = await createBatch(editor.user, { name: "Vazio" });
    expect((await call(deleteRoute, editor, empty.id, { method: "DELETE" })).status).toBe(200);
    expect((await call(deleteRoute, editor, only.batchId, { method: "DELETE" })).status).toBe(403);

    const deleted = await (await call(deleteRoute, admin, only.batchId, { method: "DELETE" })).json();
    expect(deleted).toMatchObject({ imagesDeleted: 1, imagesKept: 0, blobsDeleted: 2, blobsFailed: 0 });
    expect(await exists(onlyBlobs.original)).toBe(false);
    expect(await exists(onlyBlobs.thumbnail)).toBe(false);
    expect(await exists(onlyBlobs.preview)).toBe(false);
    expect(await getPrisma().batchUploadRefusal.count()).toBe(0);

    const sourceDeleted = await (await call(deleteRoute, admin, source.batchId, { method: "DELETE" })).json();
    expect(sourceDeleted).toMatchObject({ imagesDeleted: 0, imagesKept: 2, blobsDeleted: 0 });
    const kept = await getPrisma().image.findMany({ where: { id: { in: source.imageIds } } });
    expect(kept.map((i) => i.batchId)).toEqual([clone.id, clone.id]);
    expect(await exists(sharedBlobs.original)).toBe(true);
    expect(await exists(sharedBlobs.thumbnail)).toBe(true);
    const cloneView = await (
      await getBatchRoute(new Request(`${BASE}/${clone.id}`, { headers: viewer.headers }), {
        params: Promise.resolve({ id: clone.id }),
      })
    ).json();
    expect(cloneView.counts).toMatchObject({ total: 2, processed: 2 });
    expect((await call(deleteRoute, admin, source.batchId, { method: "DELETE" })).status).toBe(404);
  });
});

describe("purge of soft-deleted batches past purgeAfter", () => {
  async function softDeletedAndDue(batchId: string) {
    expect((await call(softDeleteRoute, editor, batchId, { body: { retention_days: 1 } })).status).toBe(200);
    await getPrisma().batch.update({ where: { id: batchId }, data: { purgeAfter: new Date(Date.now() - 60_000) } });
  }

  it("hard-deletes due batches (rows, blobs no other row uses) and leaves the others; a second run finds nothing", async () => {
    const shared = await uploadBatch("Compartilhado", [100], "READY");
    const due = await uploadBatch("Vencido", [101, 102, 100], "READY");
    const urls = await createUrlBatch({
      name: "URLs vencidas",
      rows: [
        { url: "http://127.0.0.1:9/x.jpg", status: "STORED", imageSeed: 103 },
        { url: "http://127.0.0.1:9/y.jpg" },
      ],
      status: "COMPLETED",
    });
    const notYet = await uploadBatch("Ainda não", [104], "READY");
    await softDeletedAndDue(due.batchId);
    await softDeletedAndDue(urls.batchId);
    await call(softDeleteRoute, editor, notYet.batchId, { body: { retention_days: 3 } });
    const dueBlobs = await Promise.all([
      blobsOf(due.imageIds[0]!),
      blobsOf(due.imageIds[1]!),
      blobsOf(urls.imageIds[0]!),
    ]);
    const sharedBlobs = await blobsOf(shared.imageIds[0]!);

    const results = await purgeExpiredBatches();
    expect(results.map((r) => r.batchId).sort()).toEqual([due.batchId, urls.batchId].sort());
    expect(await getPrisma().batch.findMany({ select: { id: true }, orderBy: { id: "asc" } })).toEqual([
      { id: shared.batchId },
      { id: notYet.batchId },
    ]);
    for (const blobs of dueBlobs) expect(await exists(blobs.original)).toBe(false);
    expect(await exists(dueBlobs[0]!.thumbnail)).toBe(false);
    expect(await exists(sharedBlobs.original)).toBe(true);
    expect(await exists(sharedBlobs.thumbnail)).toBe(true);
    expect(await getPrisma().batchUrl.count()).toBe(0);
    expect(await getPrisma().batchChunk.count()).toBe(0);
    expect(await getPrisma().image.count()).toBe(2);
    const purges = await getPrisma().auditLog.findMany({ where: { action: "BATCH_PURGE" } });
    expect(purges.map((p) => p.userId)).toEqual([null, null]);

    expect(await purgeExpiredBatches()).toEqual([]);
  });

  it("is safe to run twice at once: every image deleted once, the shared one kept, no error", async () => {
    const a = await uploadBatch("A", [110, 111, 112], "READY");
    const b = await uploadBatch("B", [112, 113, 110], "READY");
    const c = await uploadBatch("C", [114], "READY");
    const keep = await uploadBatch("Fica", [111], "READY");
    for (const batch of [a, b, c]) await softDeletedAndDue(batch.batchId);
    const originals = await Promise.all(
      [...a.imageIds, b.imageIds[1]!, c.imageIds[0]!].map(async (id) => (await blobsOf(id)).original),
    );

    const [first, second] = await Promise.all([purgeExpiredBatches(), purgeExpiredBatches()]);
    const all = [...first, ...second];
    const sum = (key: "imagesDeleted" | "imagesKept") => all.reduce((n, r) => n + r[key], 0);
    // 110, 112, 113, 114 belonged only to A/B/C; 111 is also in "Fica".
    expect(sum("imagesDeleted")).toBe(4);
    expect(await getPrisma().batch.findMany({ select: { id: true } })).toEqual([{ id: keep.batchId }]);
    const left = await getPrisma().image.findMany();
    expect(left.map((i) => [i.id, i.batchId])).toEqual([[a.imageIds[1], keep.batchId]]);
    expect(await exists(originals[1]!)).toBe(true);
    for (const key of [originals[0]!, originals[2]!, originals[3]!, originals[4]!])
      expect(await exists(key)).toBe(false);
    expect(await getPrisma().batchUpload.count()).toBe(1);
  });
});

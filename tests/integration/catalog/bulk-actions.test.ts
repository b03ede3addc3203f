// POST /api/v1/images/bulk (ids and filter selections, workflow rules set-wise, audit rows, refusals, the job path) and GET /api/v1/images/bulk/{runId}.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getRun } from "@/app/api/v1/images/bulk/[runId]/route";
import { POST as postBulk } from "@/app/api/v1/images/bulk/route";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { bulkActionResultSchema, bulkActionRunSchema, type BulkActionInput } from "@/lib/images/bulk/schemas";
import { applyChunk, filterSelectionSql } from "@/lib/images/bulk/apply-chunk";
import { bulkOperation } from "@/lib/images/bulk/bulk-operation";
import { runBulkAction } from "@/lib/images/bulk/run-bulk-action";
import { startBulkAction } from "@/lib/images/bulk/start-bulk-action";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, seedImage, seedProduct, seedScope, type Auth, type Scope } from "./seed";

let editor: Auth;
let viewer: Auth;
let scope: Scope;
let other: Scope;

function postRequest(auth: Auth, body: unknown, raw?: string): Request {
  return new Request("http://localhost/api/v1/images/bulk", {
    method: "POST",
    headers: { ...auth.headers, "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
}

async function bulk(auth: Auth, body: unknown, raw?: string) {
  const res = await postBulk(postRequest(auth, body, raw), params({}));
  return { status: res.status, body: await res.json() };
}

const statusOf = async (ids: string[]) =>
  (await getPrisma().image.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }))
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((i) => i.status);

const actor = (auth: Auth): SessionUser => auth.user as unknown as SessionUser;

beforeAll(async () => {
  await truncateAllTables();
  editor = await apiTokenFor("EDITOR");
  viewer = await apiTokenFor("VIEWER");
});

beforeEach(async () => {
  await getPrisma().image.deleteMany();
  await getPrisma().auditLog.deleteMany();
  const suffix = Math.random().toString(36).slice(2, 8);
  scope = await seedScope(`Marca ${suffix}`, `Coleção ${suffix}`);
  other = await seedScope(`Outra ${suffix}`, `Outra coleção ${suffix}`);
});

describe("bulk actions by ids", () => {
  it("moves only the photos the workflow allows and counts the rest as skipped, with one audit row each", async () => {
    const a = await seedImage("a.jpg", scope);
    const b = await seedImage("b.jpg", scope);
    const approved = await seedImage("c.jpg", scope, { status: "APROVADO" });
    const waiting = await seedImage("d.jpg", scope, { status: "PENDENTE_ANALISE_IA" });
    const ids = [a.id, b.id, approved.id, waiting.id];
    const res = await bulk(editor, {
      selection: { imageIds: [...ids, a.id] },
      action: "setStatus",
      status: "APROVADO",
    });
    expect(res.status).toBe(200);
    expect(bulkActionResultSchema.parse(res.body)).toEqual({ changed: 2, skipped: 2 });
    expect(await statusOf(ids)).toEqual(["APROVADO", "APROVADO", "APROVADO", "PENDENTE_ANALISE_IA"]);
    const audit = await getPrisma().auditLog.findMany({ where: { action: "IMAGE_STATUS_CHANGED" } });
    expect(audit.map((r) => r.entityId).sort()).toEqual([a.id, b.id].sort());
    expect(audit.every((r) => r.userId === editor.user.id)).toBe(true);
    expect(audit[0]!.data).toEqual({ from: "PENDENTE", to: "APROVADO", bulkActionId: null });

    // The same request again changes nothing: every photo is already there or not allowed.
    const again = await bulk(editor, { selection: { imageIds: ids }, action: "setStatus", status: "APROVADO" });
    expect(again.body).toEqual({ changed: 0, skipped: 4 });
    expect(await getPrisma().auditLog.count()).toBe(2);
  });

  it("marks reviewed photos Pendente Análise IA and leaves unreviewed ones", async () => {
    const pending = await seedImage("p.jpg", scope);
    const approved = await seedImage("a.jpg", scope, { status: "APROVADO" });
    const rejected = await seedImage("r.jpg", scope, { status: "REJEITADO" });
    const ids = [pending.id, approved.id, rejected.id];
    const res = await bulk(editor, { selection: { imageIds: ids }, action: "markAiPending" });
    expect(res.body).toEqual({ changed: 2, skipped: 1 });
    expect(await statusOf(ids)).toEqual(["PENDENTE", "PENDENTE_ANALISE_IA", "PENDENTE_ANALISE_IA"]);
  });

  it("links to a SKU (MANUAL) and unlinks, auditing the previous link", async () => {
    const product = await seedProduct("BK-0001", scope);
    const linked = await seedImage("l.jpg", scope, { productId: product.id, matchStatus: "MATCHED" });
    const loose = await seedImage("x.jpg", scope, { matchStatus: "UNMATCHED" });
    const ids = [linked.id, loose.id];
    expect((await bulk(editor, { selection: { imageIds: ids }, action: "linkSku", sku: "BK-0001" })).body).toEqual({
      changed: 1,
      skipped: 1,
    });
    const after = await getPrisma().image.findUniqueOrThrow({ where: { id: loose.id } });
    expect(after).toMatchObject({ productId: product.id, matchStatus: "MANUAL", matchDecidedById: editor.user.id });
    const link = await getPrisma().auditLog.findFirstOrThrow({ where: { entityId: loose.id } });
    expect(link).toMatchObject({ action: "IMAGE_MATCH_DECIDED" });
    expect(link.data).toMatchObject({
      from: { matchStatus: "UNMATCHED", productId: null },
      to: { matchStatus: "MANUAL", productId: product.id, sku: "BK-0001" },
    });

    expect((await bulk(editor, { selection: { imageIds: ids }, action: "unlinkSku" })).body).toEqual({
      changed: 2,
      skipped: 0,
    });
    const unlinked = await getPrisma().image.findMany({ where: { id: { in: ids } } });
    expect(unlinked.map((i) => [i.productId, i.matchStatus])).toEqual([
      [null, "UNMATCHED"],
      [null, "UNMATCHED"],
    ]);

    const unknown = await bulk(editor, { selection: { imageIds: ids }, action: "linkSku", sku: "NAO-EXISTE" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.details).toMatchObject({ code: "SKU_NOT_FOUND", sku: "NAO-EXISTE" });
  });
});

describe("bulk actions by filter", () => {
  it("applies the catalog filters (same schema as GET /api/v1/images) and changes only the matching photos", async () => {
    const inScope = [await seedImage("f1.jpg", scope), await seedImage("f2.jpg", scope)];
    const approved = await seedImage("f3.jpg", scope, { status: "APROVADO" });
    const outside = await seedImage("o1.jpg", other);
    const res = await bulk(editor, {
      selection: { filter: { collectionId: scope.collection.id } },
      action: "setStatus",
      status: "REJEITADO",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ changed: 2, skipped: 1 });
    expect(await statusOf([...inScope.map((i) => i.id), approved.id, outside.id])).toEqual([
      "REJEITADO",
      "REJEITADO",
      "APROVADO",
      "PENDENTE",
    ]);
    const byStatus = await bulk(editor, {
      selection: { filter: { status: "REJEITADO", hasProduct: false } },
      action: "markAiPending",
    });
    expect(byStatus.body).toEqual({ changed: 2, skipped: 0 });
  });

  it("refuses an empty or oversized id list, a bad filter, an unknown action or status and malformed JSON with 400 codes", async () => {
    const empty = await bulk(editor, { selection: { imageIds: [] }, action: "markAiPending" });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toMatchObject({ code: "EMPTY_SELECTION" });
    const ids = Array.from({ length: 1001 }, (_, n) => `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`);
    const tooMany = await bulk(editor, { selection: { imageIds: ids }, action: "markAiPending" });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details).toMatchObject({ code: "SELECTION_TOO_LARGE", max: 1000 });
    const exactly = await bulk(editor, { selection: { imageIds: ids.slice(0, 1000) }, action: "markAiPending" });
    expect(exactly.body).toEqual({ changed: 0, skipped: 1000 });

    const badFilter = await bulk(editor, { selection: { filter: { status: "QUASE" } }, action: "markAiPending" });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error).toBe("VALIDATION_FAILED");
    const unknownKey = await bulk(editor, { selection: { filter: { colecao: "x" } }, action: "markAiPending" });
    expect(unknownKey.status).toBe(400);
    const badAction = await bulk(editor, { selection: { imageIds: [ids[0]] }, action: "delete" });
    expect(badAction.status).toBe(400);
    expect(badAction.body.error).toBe("VALIDATION_FAILED");
    const badStatus = await bulk(editor, { selection: { imageIds: [ids[0]] }, action: "setStatus", status: "X" });
    expect(badStatus.status).toBe(400);
    const malformed = await bulk(editor, null, "{selection:");
    expect(malformed.status).toBe(400);
    expect(await getPrisma().auditLog.count()).toBe(0);
  });

  it("is refused to a VIEWER (403), with nothing changed", async () => {
    const photo = await seedImage("v.jpg", scope);
    const res = await bulk(viewer, { selection: { imageIds: [photo.id] }, action: "setStatus", status: "APROVADO" });
    expect(res.status).toBe(403);
    expect(await statusOf([photo.id])).toEqual(["PENDENTE"]);
  });
});

describe("a workflow status change writes no index entry (HOT update)", () => {
  // What makes a bulk status change fast (image_status_hot_updates migration): no index of the photo
  // table holds `status` or `updatedAt`, and its pages keep room for the new row versions.
  it("changes a filter chunk's photos on their own pages, and no index reads status or updatedAt", async () => {
    const photos = [];
    for (let n = 0; n < 12; n++)
      photos.push(await seedImage(`hot${n}.jpg`, scope, n % 2 ? { status: "APROVADO" } : {}));
    const counts = await getPrisma().$transaction(async (tx) => {
      // The backend's pending counts may still hold earlier transactions' (flushed about once a
      // second), so the chunk's own are the difference.
      const tally = async () =>
        (
          await tx.$queryRaw<{ updated: number; hot: number }[]>`
            SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot FROM pg_stat_xact_user_tables WHERE relname = 'Image'`
        )[0]!;
      const before = await tally();
      const chunk = await applyChunk(tx, {
        operation: bulkOperation({ action: "setStatus", status: "APROVADO" }, null),
        actorId: null,
        selection: filterSelectionSql({ collectionId: scope.collection.id }),
        afterId: null,
        limit: 100,
        runId: null,
      });
      const after = await tally();
      return { ...chunk, updated: after.updated - before.updated, hot: after.hot - before.hot };
    });
    expect(counts).toMatchObject({ scanned: 12, changed: 6, updated: 6, hot: 6 });
    expect(await statusOf(photos.map((p) => p.id))).toEqual(Array(12).fill("APROVADO"));

    // Every column an index of "Image" reads: its keys, expressions and partial predicates.
    const [indexed] = await getPrisma().$queryRaw<{ columns: string[]; options: string[] | null }[]>`
      SELECT array(
          SELECT DISTINCT a.attname::text FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid
          WHERE x.indrelid = '"Image"'::regclass AND a.attnum > 0 AND (a.attnum = ANY(x.indkey::int2[])
            OR pg_get_expr(x.indexprs, x.indrelid) LIKE '%' || quote_ident(a.attname) || '%'
            OR pg_get_expr(x.indpred, x.indrelid) LIKE '%' || quote_ident(a.attname) || '%')) AS columns,
        (SELECT reloptions FROM pg_class WHERE oid = '"Image"'::regclass)::text[] AS options`;
    expect(indexed!.columns).toContain("processingStatus");
    expect(indexed!.columns).not.toContain("status");
    expect(indexed!.columns).not.toContain("updatedAt");
    expect(indexed!.options).toContain("fillfactor=50");
  });
});

describe("bulk job for a large filter selection", () => {
  it("queues a run over the inline threshold, walks it in chunks to completion, and a re-run changes nothing", async () => {
    const photos = [];
    for (let n = 0; n < 7; n++) photos.push(await seedImage(`j${n}.jpg`, scope, n === 3 ? { status: "APROVADO" } : {}));
    await seedImage("outside.jpg", other);
    const queued: string[] = [];
    const input: BulkActionInput = {
      selection: { filter: { brandId: scope.brand.id } },
      action: "setStatus",
      status: "APROVADO",
    };
    const outcome = await startBulkAction(actor(editor), input, {
      inlineMax: 5,
      enqueue: async (runId) => void queued.push(runId),
    });
    expect(outcome.kind).toBe("queued");
    const runId = (outcome as { runId: string }).runId;
    expect(queued).toEqual([runId]);
    expect(await statusOf(photos.map((p) => p.id))).toEqual(
      Array(7)
        .fill("PENDENTE")
        .map((s, n) => (n === 3 ? "APROVADO" : s)),
    );

    const poll = async () => {
      const res = await getRun(getRequest(viewer, `/api/v1/images/bulk/${runId}`), params({ runId }));
      return bulkActionRunSchema.parse(await res.json());
    };
    expect(await poll()).toMatchObject({ status: "QUEUED", isDone: false, changed: 0 });

    expect(await runBulkAction(runId, { isLastAttempt: false }, { chunkSize: 2 })).toBe("success");
    expect(await poll()).toMatchObject({
      status: "COMPLETED",
      isDone: true,
      changed: 6,
      skipped: 1,
      action: "setStatus",
    });
    expect(await statusOf(photos.map((p) => p.id))).toEqual(Array(7).fill("APROVADO"));
    const audit = await getPrisma().auditLog.findMany({ where: { action: "IMAGE_STATUS_CHANGED" } });
    expect(audit).toHaveLength(6);
    expect(audit.every((r) => (r.data as { bulkActionId: string }).bulkActionId === runId)).toBe(true);

    // A finished run is not run again; a retry from the start (cursor reset) re-applies as a no-op.
    expect(await runBulkAction(runId)).toBe("skipped");
    await getPrisma().bulkImageAction.update({
      where: { id: runId },
      data: { status: "RUNNING", cursor: null, changed: 0, skipped: 0 },
    });
    expect(await runBulkAction(runId, undefined, { chunkSize: 3 })).toBe("success");
    expect(await poll()).toMatchObject({ status: "COMPLETED", changed: 0, skipped: 7 });
    expect(await getPrisma().auditLog.count({ where: { action: "IMAGE_STATUS_CHANGED" } })).toBe(6);
  });

  it("answers 202 with the run's id through the route, and 404 for an unknown run", async () => {
    for (let n = 0; n < 3; n++) await seedImage(`r${n}.jpg`, scope);
    // Through the route the threshold is 5,000: three photos run inline.
    const inline = await bulk(editor, {
      selection: { filter: { brandId: scope.brand.id } },
      action: "setStatus",
      status: "APROVADO",
    });
    expect(inline).toEqual({ status: 200, body: { changed: 3, skipped: 0 } });
    const missing = "0190a000-0000-7000-8000-000000000001";
    const res = await getRun(getRequest(viewer, `/api/v1/images/bulk/${missing}`), params({ runId: missing }));
    expect(res.status).toBe(404);
  });
});

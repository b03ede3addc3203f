// Near-duplicates: the check task pairs photos by perceptual hash bands, groups come from open pairs,
// decisions stick when the task runs again, roles and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as decisionsRoute } from "@/app/api/v1/images/duplicates/decisions/route";
import { GET as groupsRoute } from "@/app/api/v1/images/duplicates/route";
import sharp from "sharp";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { processBatchImage } from "@/lib/batches/process-batch-image";
import { getPrisma } from "@/lib/db/client";
import { checkDuplicatesChunk, checkPendingDuplicates } from "@/lib/duplicates/check-duplicates";
import { DUPLICATE_MAX_DISTANCE, hammingDistance, hashBands } from "@/lib/duplicates/phash-bands";
import { duplicateDecisionResultSchema, duplicateGroupPageSchema } from "@/lib/duplicates/schemas";
import { patternJpeg } from "../../fixtures/images/build-images";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, seedImage, seedScope, type Auth, type Scope } from "./seed";

const BASE = "a5c3f00f12345678";

/** The hash with the given bits (0 = least significant) flipped. */
function flip(hash: string, bits: number[]): string {
  let value = BigInt(`0x${hash}`);
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, "0");
}

let editor: Auth;
let viewer: Auth;
let alfa: Scope;
let beta: Scope;

function post(auth: Auth, body: unknown): Request {
  return new Request("http://localhost/api/v1/images/duplicates/decisions", {
    method: "POST",
    headers: { ...auth.headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function groups(query = "", auth = viewer) {
  const res = await groupsRoute(getRequest(auth, `/api/v1/images/duplicates?${query}`), params({}));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return duplicateGroupPageSchema.parse(body);
}

async function decide(body: unknown, auth = editor) {
  const res = await decisionsRoute(post(auth, body), params({}));
  return { status: res.status, body: await res.json() };
}

async function pairsOf(ids: string[]) {
  return getPrisma().imageDuplicatePair.findMany({
    where: { aId: { in: ids }, bId: { in: ids } },
    select: { aId: true, bId: true, distance: true, status: true },
    orderBy: [{ aId: "asc" }, { bId: "asc" }],
  });
}

/** Every photo checked again from scratch, as after a re-run of the task over everything. */
async function recheckAll() {
  await getPrisma().image.updateMany({ data: { duplicatesCheckedAt: null } });
  await checkPendingDuplicates();
}

beforeAll(async () => {
  await truncateAllTables();
  editor = await apiTokenFor("EDITOR");
  viewer = await apiTokenFor("VIEWER");
  alfa = await seedScope("Marca Alfa", "Verão 26");
  beta = await seedScope("Marca Beta", "Inverno 26");
});

describe("hash bands in PostgreSQL", () => {
  it("agree with the TypeScript split and Hamming distance", async () => {
    const other = flip(BASE, [0, 17, 40, 63]);
    const [row] = await getPrisma().$queryRaw<{ bands: number[]; distance: number }[]>`
      SELECT ARRAY[vitrine_phash_band(${BASE}, 0), vitrine_phash_band(${BASE}, 1), vitrine_phash_band(${BASE}, 2), vitrine_phash_band(${BASE}, 3)] AS "bands",
        vitrine_phash_distance(${BASE}, ${other}) AS "distance"`;
    expect(row!.bands).toEqual(hashBands(BASE));
    expect(row!.distance).toBe(hammingDistance(BASE, other));
    expect(row!.distance).toBe(4);
  });
});

describe("near-duplicates", () => {
  let a: string, b: string, c: string, d: string, far: string;

  it("pairs photos within the distance (even with every band changed) and not the far ones", async () => {
    a = (await seedImage("A.jpg", alfa, { perceptualHash: BASE })).id;
    b = (await seedImage("B.jpg", alfa, { perceptualHash: flip(BASE, [0, 1]) })).id;
    // 6 bits, at least one in every band: no band equal, the one-bit neighbours find it.
    c = (await seedImage("C.jpg", alfa, { perceptualHash: flip(BASE, [0, 16, 17, 32, 33, 48]) })).id;
    // 7 bits from A (9 from B, 13 from C): over the threshold.
    d = (await seedImage("D.jpg", alfa, { perceptualHash: flip(BASE, [2, 3, 18, 19, 34, 35, 50]) })).id;
    far = (
      await seedImage("F.jpg", alfa, {
        perceptualHash: flip(
          BASE,
          [...Array(32).keys()].map((i) => i * 2),
        ),
      })
    ).id;
    // A photo still processing has no hash and is left for later.
    await seedImage("P.jpg", alfa, { processingStatus: "PROCESSING" });
    expect(DUPLICATE_MAX_DISTANCE).toBe(6);

    expect(await checkPendingDuplicates()).toBe(5);
    const sorted = (x: string, y: string) => (x < y ? [x, y] : [y, x]);
    const expected = [
      [...sorted(a, b), 2],
      [...sorted(a, c), 6],
      [...sorted(b, c), 6],
    ]
      .map(([aId, bId, distance]) => ({ aId, bId, distance, status: "OPEN" }))
      .sort((x, y) => (x.aId! < y.aId! ? -1 : x.aId! > y.aId! ? 1 : x.bId! < y.bId! ? -1 : 1));
    expect(await pairsOf([a, b, c, d, far])).toEqual(expected);
    // Nothing left to check: the task is a no-op until a photo arrives.
    expect(await checkDuplicatesChunk()).toEqual({ checked: 0, pairs: 0 });
  });

  it("lists the group with each member's facts, for VIEWER, filtered by collection / batch / brand", async () => {
    const page = await groups();
    expect(page.groups).toHaveLength(1);
    const [group] = page.groups;
    const anchor = [a, b, c].sort()[0]!;
    expect(group!.id).toBe(anchor);
    expect(group!.members.map((m) => m.id).sort()).toEqual([a, b, c].sort());
    const first = group!.members[0]!;
    expect(first).toMatchObject({ id: anchor, distance: 0, bytes: 1000, batch: { id: alfa.batch.id } });
    expect((await groups(`collectionId=${alfa.collection.id}`)).groups).toHaveLength(1);
    expect((await groups(`batchId=${alfa.batch.id}&brandId=${alfa.brand.id}`)).groups).toHaveLength(1);
    expect((await groups(`collectionId=${beta.collection.id}`)).groups).toHaveLength(0);
  });

  it("pages groups by keyset", async () => {
    const e = await seedImage("E.jpg", beta, { perceptualHash: "0f0f0f0f0f0f0f0f" });
    const e2 = await seedImage("E2.jpg", beta, { perceptualHash: flip("0f0f0f0f0f0f0f0f", [5]) });
    await checkPendingDuplicates();
    const first = await groups("limit=1");
    expect(first.groups).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await groups(`limit=1&cursor=${first.nextCursor}`);
    expect(second.groups).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.groups, ...second.groups].map((g) => g.members.map((m) => m.id).sort());
    expect(seen).toContainEqual([e.id, e2.id].sort());
    expect((await groups(`collectionId=${beta.collection.id}`)).groups).toHaveLength(1);
  });

  it("refuses decisions from a VIEWER and bad input, changing nothing", async () => {
    expect((await decide({ action: "distinct", imageIds: [a, b] }, viewer)).status).toBe(403);
    const bad = [
      {},
      { action: "delete", imageIds: [a, b] },
      { action: "distinct", imageIds: [a] },
      { action: "distinct", imageIds: [a, a] },
      { action: "distinct", imageIds: [a, "not-a-uuid"] },
      { action: "keep", keepImageId: d, imageIds: [a, b] },
      { action: "keep", imageIds: [a, b] },
      { action: "distinct", imageIds: [a, b], extra: true },
    ];
    for (const body of bad) {
      const answer = await decide(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toBe("VALIDATION_FAILED");
    }
    const missing = await decide({ action: "distinct", imageIds: [a, "0190aaaa-0000-7000-8000-000000000000"] });
    expect(missing.status).toBe(404);
    for (const query of ["cursor=abc", "limit=500", "limit=0", "sort=name", `collectionId=x`]) {
      const res = await groupsRoute(getRequest(viewer, `/api/v1/images/duplicates?${query}`), params({}));
      expect(res.status, query).toBe(400);
    }
    expect((await pairsOf([a, b, c])).every((p) => p.status === "OPEN")).toBe(true);
  });

  it("'manter todos' marks every pair distinct for good, even when the task runs again", async () => {
    const answer = await decide({ action: "distinct", imageIds: [a, b, c] });
    expect(answer.status).toBe(200);
    expect(duplicateDecisionResultSchema.parse(answer.body)).toEqual({
      action: "distinct",
      pairs: 3,
      markedDuplicates: 0,
      rejected: 0,
    });
    expect((await groups(`collectionId=${alfa.collection.id}`)).groups).toHaveLength(0);
    await recheckAll();
    expect((await pairsOf([a, b, c])).map((p) => p.status)).toEqual(["DISTINCT", "DISTINCT", "DISTINCT"]);
    expect((await groups(`collectionId=${alfa.collection.id}`)).groups).toHaveLength(0);
    // The same group again: already decided.
    const again = await decide({ action: "distinct", imageIds: [a, b, c] });
    expect(again.status).toBe(409);
    expect(again.body.details.code).toBe("DUPLICATES_ALREADY_DECIDED");
    const audit = await getPrisma().auditLog.count({ where: { action: "IMAGE_DUPLICATES_DISTINCT" } });
    expect(audit).toBe(3);
  });

  it("'manter este' keeps one photo and marks the others as its duplicates (rejected, never deleted)", async () => {
    const keep = await seedImage("K.jpg", beta, { perceptualHash: "123456789abcdef0" });
    const copy = await seedImage("K-copia.jpg", beta, { perceptualHash: flip("123456789abcdef0", [9, 40]) });
    const waiting = await seedImage("K-ia.jpg", beta, {
      perceptualHash: flip("123456789abcdef0", [3]),
      status: "PENDENTE_ANALISE_IA",
    });
    await checkPendingDuplicates();
    const ids = [keep.id, copy.id, waiting.id];
    expect(await pairsOf(ids)).toHaveLength(3);
    const answer = await decide({ action: "keep", keepImageId: keep.id, imageIds: ids });
    expect(answer.status).toBe(200);
    // Pendente → Rejeitado is allowed; Pendente Análise IA → Rejeitado is not, so that one keeps its status.
    expect(answer.body).toEqual({ action: "keep", pairs: 3, markedDuplicates: 2, rejected: 1 });
    const rows = await getPrisma().image.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, duplicateOfId: true },
    });
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[keep.id]).toMatchObject({ status: "PENDENTE", duplicateOfId: null });
    expect(byId[copy.id]).toMatchObject({ status: "REJEITADO", duplicateOfId: keep.id });
    expect(byId[waiting.id]).toMatchObject({ status: "PENDENTE_ANALISE_IA", duplicateOfId: keep.id });
    await recheckAll();
    expect((await pairsOf(ids)).every((p) => p.status === "RESOLVED")).toBe(true);
    const remaining = await groups(`collectionId=${beta.collection.id}`);
    expect(remaining.groups.flatMap((g) => g.members.map((m) => m.id))).not.toContain(copy.id);
    const audit = await getPrisma().auditLog.findMany({
      where: { entityId: { in: ids } },
      select: { action: true, entityId: true },
    });
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "IMAGE_MARKED_DUPLICATE", entityId: copy.id },
        { action: "IMAGE_MARKED_DUPLICATE", entityId: waiting.id },
        { action: "IMAGE_STATUS_CHANGED", entityId: copy.id },
        { action: "IMAGE_DUPLICATE_KEPT", entityId: keep.id },
      ]),
    );
  });

  it("pairs a real photo and its re-export after processing, and checks a re-processed photo again only when its hash changed", async () => {
    const scope = await seedScope("Marca Gama", "Processadas");
    const original = await patternJpeg(7);
    const copy = await sharp(original).resize({ width: 400 }).jpeg({ quality: 60 }).toBuffer();
    const form = uploadForm([
      { name: "real.jpg", bytes: original, uploadId: "r1" },
      { name: "real-reexport.jpg", bytes: copy, uploadId: "r2" },
      { name: "outra.jpg", bytes: await patternJpeg(8), uploadId: "r3" },
    ]);
    const upload = await uploadFiles(
      new Request(`http://localhost/api/v1/batches/${scope.batch.id}/files`, {
        method: "POST",
        headers: editor.headers,
        body: form,
      }),
      params({ id: scope.batch.id }),
    );
    expect(upload.status).toBe(200);
    const process = async (id: string) => {
      await getPrisma().image.update({ where: { id }, data: { processingStatus: "QUEUED" } });
      expect(await processBatchImage(id, { jobId: "t", attempt: 1, isLastAttempt: true })).toBe("success");
    };
    const images = await getPrisma().image.findMany({
      where: { batchId: scope.batch.id },
      orderBy: { originalName: "asc" },
    });
    for (const image of images) await process(image.id);
    await checkPendingDuplicates();
    const page = await groups(`batchId=${scope.batch.id}`);
    expect(page.groups).toHaveLength(1);
    expect(page.groups[0]!.members.map((m) => m.originalName).sort()).toEqual(["real-reexport.jpg", "real.jpg"]);
    expect(page.groups[0]!.members.map((m) => m.width).sort()).toEqual([400, 480]);

    const real = images.find((i) => i.originalName === "real.jpg")!;
    const checkedAt = async () =>
      (await getPrisma().image.findUniqueOrThrow({ where: { id: real.id }, select: { duplicatesCheckedAt: true } }))
        .duplicatesCheckedAt;
    await process(real.id);
    expect(await checkedAt()).not.toBeNull();
    await getPrisma().image.update({ where: { id: real.id }, data: { perceptualHash: "0000000000000000" } });
    await process(real.id);
    expect(await checkedAt()).toBeNull();
  });
});

// Text on the photo against the real database: candidates from printed SKUs and barcodes (EAN of
// the carteira), scoped like the matcher, the threshold, auto-link, "validar todos acima do limite",
// the API, and the catalog search over the codes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as candidatesRoute } from "@/app/api/v1/images/[id]/candidates/route";
import { GET as imageTextRoute } from "@/app/api/v1/images/[id]/text/route";
import { GET as listImagesRoute } from "@/app/api/v1/images/route";
import { POST as validateRoute } from "@/app/api/v1/reconcile/validate-above-threshold/route";
import { GET as getSettingsRoute, PATCH as patchSettingsRoute } from "@/app/api/v1/settings/route";
import type { TextReading } from "@/lib/ai/text/candidates/find-text-candidates";
import { writeTextReading } from "@/lib/ai/text/write-text-reading";
import { imageTextSchema } from "@/lib/ai/text/schemas";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getEnv, type Env } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { imageCandidatesSchema } from "@/lib/reconciliation/schemas";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, patchRequest, seedImage, seedProduct, seedScope, type Scope } from "../catalog/seed";

const ENGINE = "teste";
const reading = (text: string, codes: TextReading["codes"] = [], confidence = 0.9) => ({
  text,
  words: text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w, confidence })),
  codes,
  engine: ENGINE,
});

let alfa: Scope;
const saved: Partial<Env> = {};
function setEnv(patch: Partial<Env>) {
  const env = getEnv() as Env;
  for (const key of Object.keys(patch) as (keyof Env)[]) {
    if (!(key in saved)) Object.assign(saved, { [key]: env[key] });
    Object.assign(env, { [key]: patch[key] });
  }
}

beforeEach(async () => {
  await truncateAllTables();
  clearSkuIndexCache();
  alfa = await seedScope("Marca Alfa", "Verão 26");
});
afterEach(() => {
  Object.assign(getEnv(), saved);
  for (const key of Object.keys(saved)) delete (saved as Record<string, unknown>)[key];
});

async function otherCollectionOf(scope: Scope, name: string): Promise<Scope> {
  const prisma = getPrisma();
  const collection = await prisma.collection.create({
    data: { brandId: scope.brand.id, name, nameKey: name.toUpperCase() },
  });
  const batch = await prisma.batch.create({
    data: { name: `Lote ${name}`, brandId: scope.brand.id, collectionId: collection.id },
  });
  return { brand: scope.brand, collection, batch };
}

describe("candidates from the printed text", () => {
  it("lists the printed SKU as the top candidate, above the threshold, with 'texto na foto'", async () => {
    const target = await seedProduct("VD25-0150", alfa, { nomePeca: "Vestido midi" });
    await seedProduct("VD25-0151", alfa);
    const image = await seedImage("etiqueta-001.jpg", alfa, { matchStatus: "UNMATCHED" });

    const outcome = await writeTextReading(image.id, reading("VITRINE\nREF VD25-0150\nTAM M"));
    expect(outcome).toMatchObject({ refreshed: true, autoLinked: null, damagedCodes: [] });
    expect(outcome!.candidates).toEqual([
      { productId: target.id, sku: "VD25-0150", score: 0.99, reasons: ["ocr_text"], evidence: ["VD25-0150"] },
    ]);

    const { candidates } = imageCandidatesSchema.parse(await getImageCandidates(image.id));
    expect(candidates[0]).toMatchObject({
      productId: target.id,
      sku: "VD25-0150",
      score: 0.99,
      reasons: ["ocr_text"],
      text: { score: 0.99, evidence: ["VD25-0150"], aboveThreshold: true },
    });
    // Nothing is linked by the reading.
    expect(await getPrisma().image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      productId: null,
      matchStatus: "UNMATCHED",
      aiOcrText: "VITRINE\nREF VD25-0150\nTAM M",
      aiTextEngine: ENGINE,
    });
  });

  it("keeps a misread (O for 0) as a candidate under the threshold, and follows the configured threshold", async () => {
    const target = await seedProduct("VD25-0150", alfa);
    const image = await seedImage("etiqueta-002.jpg", alfa, { matchStatus: "UNMATCHED" });
    await writeTextReading(image.id, reading("REF VD25-O15O", [], 1));
    const [top] = (await getImageCandidates(image.id)).candidates;
    expect(top).toMatchObject({
      productId: target.id,
      reasons: ["ocr_text"],
      text: { score: 0.8, aboveThreshold: false },
    });

    setEnv({ ANALYSIS_CONFIDENCE_THRESHOLD: 0.75 });
    const [again] = (await getImageCandidates(image.id)).candidates;
    expect(again!.text).toMatchObject({ score: 0.8, aboveThreshold: true });
  });

  it("never proposes a SKU of another collection under MATCH_SCOPE=collection; the brand scope allows it", async () => {
    const inverno = await otherCollectionOf(alfa, "Inverno 26");
    const elsewhere = await seedProduct("VD25-0150", inverno);
    const image = await seedImage("etiqueta-003.jpg", alfa, { matchStatus: "UNMATCHED" });

    const scoped = await writeTextReading(image.id, reading("REF VD25-0150"));
    expect(scoped!.candidates).toEqual([]);
    expect((await getImageCandidates(image.id)).candidates.some((c) => c.productId === elsewhere.id)).toBe(false);

    setEnv({ MATCH_SCOPE: "brand" });
    const branded = await writeTextReading(image.id, reading("REF VD25-0150"));
    expect(branded!.candidates.map((c) => c.productId)).toEqual([elsewhere.id]);

    // Another brand is outside the brand scope; "all" takes it.
    const beta = await seedScope("Marca Beta", "Verão 26 Beta");
    const otherBrand = await seedProduct("BT25-0001", beta);
    expect((await writeTextReading(image.id, reading("BT25-0001")))!.candidates).toEqual([]);
    setEnv({ MATCH_SCOPE: "all" });
    expect((await writeTextReading(image.id, reading("BT25-0001")))!.candidates.map((c) => c.productId)).toEqual([
      otherBrand.id,
    ]);
  });

  it("a photo with no text: empty reading stored, no candidates, no error; old candidates are replaced", async () => {
    await seedProduct("VD25-0150", alfa);
    const image = await seedImage("lisa.jpg", alfa, { matchStatus: "UNMATCHED" });
    await writeTextReading(image.id, reading("REF VD25-0150"));
    expect(await getPrisma().imageTextCandidate.count({ where: { imageId: image.id } })).toBe(1);

    const outcome = await writeTextReading(image.id, reading(""));
    expect(outcome).toMatchObject({ candidates: [], damagedCodes: [], autoLinked: null, refreshed: true });
    expect(await getPrisma().imageTextCandidate.count({ where: { imageId: image.id } })).toBe(0);
    const row = await getPrisma().image.findUniqueOrThrow({ where: { id: image.id } });
    expect(row).toMatchObject({ aiOcrText: "", aiCodes: [] });
    expect(row.aiTextReadAt).toBeInstanceOf(Date);
  });

  it("leaves the candidates of a photo that already has a product as they were", async () => {
    const linked = await seedProduct("VD25-0150", alfa);
    await seedProduct("VD25-0151", alfa);
    const image = await seedImage("VD25-0150_FRENTE.jpg", alfa, { matchStatus: "MATCHED", productId: linked.id });
    const outcome = await writeTextReading(image.id, reading("REF VD25-0151"));
    expect(outcome).toMatchObject({ refreshed: false });
    expect(await getPrisma().imageTextCandidate.count()).toBe(0);
  });
});

describe("candidates from barcodes (the carteira's EAN)", () => {
  it("matches EAN-13 and UPC-A reads to the carteira's EAN (text or number, with or without the leading zero)", async () => {
    const byText = await seedProduct("VD25-0150", alfa, { extra: { ean: "789-1234567895" } });
    const byNumber = await seedProduct("VD25-0151", alfa, { extra: { ean: 4006381333931 } });
    const upc = await seedProduct("VD25-0152", alfa, { extra: { ean: "0036000291452" } });
    const image = await seedImage("caixa.jpg", alfa, { matchStatus: "UNMATCHED" });

    const outcome = await writeTextReading(
      image.id,
      reading("", [
        { format: "EAN-13", text: "7891234567895" },
        { format: "EAN-13", text: "4006381333931" },
        { format: "UPC-A", text: "036000291452" },
      ]),
    );
    expect(outcome!.candidates.map((c) => [c.sku, c.score, c.reasons])).toEqual([
      ["VD25-0150", 1, ["barcode"]],
      ["VD25-0151", 1, ["barcode"]],
      ["VD25-0152", 1, ["barcode"]],
    ]);
    const candidates = (await getImageCandidates(image.id)).candidates;
    expect(candidates.map((c) => c.productId).sort()).toEqual([byText.id, byNumber.id, upc.id].sort());
    expect(candidates.every((c) => c.reasons.includes("barcode") && c.text?.aboveThreshold)).toBe(true);
  });

  it("a damaged barcode (bad check digit) names nothing and is reported", async () => {
    await seedProduct("VD25-0150", alfa, { extra: { ean: "7891234567895" } });
    const image = await seedImage("caixa-riscada.jpg", alfa, { matchStatus: "UNMATCHED" });
    const outcome = await writeTextReading(image.id, reading("", [{ format: "EAN-13", text: "7891234567896" }]));
    expect(outcome).toMatchObject({ candidates: [], damagedCodes: [{ format: "EAN-13", text: "7891234567896" }] });
  });

  it("a barcode of another collection's SKU is not a candidate", async () => {
    const inverno = await otherCollectionOf(alfa, "Inverno 26");
    await seedProduct("IN25-0001", inverno, { extra: { ean: "7891234567895" } });
    const image = await seedImage("caixa.jpg", alfa, { matchStatus: "UNMATCHED" });
    const outcome = await writeTextReading(image.id, reading("", [{ format: "EAN-13", text: "7891234567895" }]));
    expect(outcome!.candidates).toEqual([]);
  });
});

describe("auto-link of exact barcode matches", () => {
  it("off (default): nothing is linked; on (ADMIN, audited): the photo is linked as a manual decision", async () => {
    const target = await seedProduct("VD25-0150", alfa, { extra: { ean: "7891234567895" } });
    const admin = await apiTokenFor("ADMIN");
    const editor = await apiTokenFor("EDITOR");
    const first = await seedImage("caixa-1.jpg", alfa, { matchStatus: "UNMATCHED" });
    const code = [{ format: "EAN-13", text: "7891234567895" }];

    expect((await writeTextReading(first.id, reading("", code)))!.autoLinked).toBeNull();
    expect(await getPrisma().image.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ productId: null });

    // Only an ADMIN may turn it on.
    const refused = await patchSettingsRoute(
      patchRequest(editor, "/api/v1/settings", { autoLinkExactBarcode: true }),
      params({}),
    );
    expect(refused.status).toBe(403);
    const bad = await patchSettingsRoute(
      patchRequest(admin, "/api/v1/settings", { autoLinkExactBarcode: "sim" }),
      params({}),
    );
    expect(bad.status).toBe(400);
    const on = await patchSettingsRoute(
      patchRequest(admin, "/api/v1/settings", { autoLinkExactBarcode: true }),
      params({}),
    );
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({
      autoLinkExactBarcode: true,
      photoTextReader: "local",
      analysisConfidenceThreshold: 0.82,
      analysisMaxCandidates: 5,
    });
    expect(await (await getSettingsRoute(getRequest(editor, "/api/v1/settings"), params({}))).json()).toMatchObject({
      autoLinkExactBarcode: true,
    });
    expect(
      await getPrisma().auditLog.findMany({
        where: { action: "APP_SETTING_CHANGED" },
        select: { userId: true, entityId: true, data: true },
      }),
    ).toEqual([{ userId: admin.user.id, entityId: "autoLinkExactBarcode", data: { from: false, to: true } }]);

    const outcome = await writeTextReading(first.id, reading("", code), { runId: null });
    expect(outcome!.autoLinked).toEqual({ productId: target.id, sku: "VD25-0150" });
    const row = await getPrisma().image.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      productId: target.id,
      matchStatus: "MANUAL",
      matchScore: null,
      matchDecidedById: admin.user.id,
    });
    expect(row.matchDecidedAt).toBeInstanceOf(Date);
    const audit = await getPrisma().auditLog.findFirstOrThrow({
      where: { action: "IMAGE_MATCH_AUTO_LINKED", entityId: first.id },
    });
    expect(audit.data).toMatchObject({
      to: { matchStatus: "MANUAL", productId: target.id, sku: "VD25-0150" },
      via: "barcode",
    });

    // A printed SKU alone, a photo a person marked "sem SKU", or two SKUs with one EAN: never auto-linked.
    const printed = await seedImage("etiqueta.jpg", alfa, { matchStatus: "UNMATCHED" });
    expect((await writeTextReading(printed.id, reading("REF VD25-0150")))!.autoLinked).toBeNull();
    const noSku = await seedImage("caixa-2.jpg", alfa, { matchStatus: "NO_SKU" });
    expect((await writeTextReading(noSku.id, reading("", code)))!.autoLinked).toBeNull();
    await seedProduct("VD25-0150-B", alfa, { extra: { ean: "7891234567895" } });
    const twice = await seedImage("caixa-3.jpg", alfa, { matchStatus: "UNMATCHED" });
    expect((await writeTextReading(twice.id, reading("", code)))!.autoLinked).toBeNull();

    // The decision sticks: a reconciliation run leaves the auto-linked photo alone.
    const run = await getPrisma().reconciliationRun.create({ data: { collectionId: alfa.collection.id, total: 0 } });
    await runReconciliation(run.id);
    expect(await getPrisma().image.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      productId: target.id,
      matchStatus: "MANUAL",
    });
  });
});

describe("validar todos acima do limite", () => {
  it("links each queue photo of the filter to its one text candidate above the threshold, audited, EDITOR only", async () => {
    const editor = await apiTokenFor("EDITOR");
    const viewer = await apiTokenFor("VIEWER");
    const p150 = await seedProduct("VD25-0150", alfa);
    const p151 = await seedProduct("VD25-0151", alfa, { extra: { ean: "7891234567895" } });
    const above = await seedImage("a.jpg", alfa, { matchStatus: "UNMATCHED" });
    const below = await seedImage("b.jpg", alfa, { matchStatus: "AMBIGUOUS" });
    const disagree = await seedImage("c.jpg", alfa, { matchStatus: "UNMATCHED" });
    const noText = await seedImage("d.jpg", alfa, { matchStatus: "UNMATCHED" });
    const inverno = await otherCollectionOf(alfa, "Inverno 26");
    await seedProduct("IN25-0001", inverno);
    const otherFilter = await seedImage("e.jpg", inverno, { matchStatus: "UNMATCHED" });
    await writeTextReading(above.id, reading("REF VD25-0150"));
    await writeTextReading(below.id, reading("REF VD25-O15O", [], 1));
    await writeTextReading(disagree.id, reading("REF VD25-0150", [{ format: "EAN-13", text: "7891234567895" }]));
    await writeTextReading(otherFilter.id, reading("IN25-0001"));

    const post = (auth: typeof editor, body: unknown) =>
      validateRoute(
        new Request("http://localhost/api/v1/reconcile/validate-above-threshold", {
          method: "POST",
          headers: { ...auth.headers, "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        params({}),
      );
    expect((await post(viewer, { collectionId: alfa.collection.id })).status).toBe(403);
    expect((await post(editor, { collectionId: "nope" })).status).toBe(400);

    const dry = await post(editor, { collectionId: alfa.collection.id, dryRun: true });
    expect(await dry.json()).toEqual({ count: 1, threshold: 0.82, imageIds: [above.id] });
    expect(await getPrisma().image.findUniqueOrThrow({ where: { id: above.id } })).toMatchObject({ productId: null });

    const done = await post(editor, { collectionId: alfa.collection.id });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ count: 1, threshold: 0.82, imageIds: [above.id] });
    const rows = await getPrisma().image.findMany({
      select: { id: true, productId: true, matchStatus: true, matchDecidedById: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(above.id)).toEqual({
      id: above.id,
      productId: p150.id,
      matchStatus: "MANUAL",
      matchDecidedById: editor.user.id,
    });
    for (const id of [below.id, disagree.id, noText.id, otherFilter.id]) expect(byId.get(id)!.productId).toBeNull();
    const audit = await getPrisma().auditLog.findMany({ where: { action: "IMAGE_MATCH_DECIDED" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: editor.user.id, entityId: above.id });
    expect(audit[0]!.data).toMatchObject({ to: { matchStatus: "MANUAL", productId: p150.id }, via: "text_threshold" });
    expect(p151.id).not.toBe(p150.id);

    // Again: nothing left to validate in that filter; the other collection's photo is validated with its own filter.
    expect(await (await post(editor, { collectionId: alfa.collection.id })).json()).toMatchObject({ count: 0 });
    expect(await (await post(editor, { collectionId: inverno.collection.id })).json()).toMatchObject({ count: 1 });
  });
});

describe("API and catalog search", () => {
  it("GET /images/{id}/text gives the text, codes, time and candidates; /candidates carries the reasons", async () => {
    const viewer = await apiTokenFor("VIEWER");
    const target = await seedProduct("VD25-0150", alfa, { extra: { ean: "7891234567895" } });
    const image = await seedImage("etiqueta.jpg", alfa, { matchStatus: "UNMATCHED" });
    const unread = await seedImage("nunca-lida.jpg", alfa, { matchStatus: "UNMATCHED" });

    const before = imageTextSchema.parse(
      await (await imageTextRoute(getRequest(viewer, "/x"), params({ id: unread.id }))).json(),
    );
    expect(before).toMatchObject({ text: null, codes: [], readAt: null, candidates: [] });

    await writeTextReading(image.id, reading("REF VD25-0150", [{ format: "EAN-13", text: "7891234567895" }]));
    const res = await imageTextRoute(getRequest(viewer, "/x"), params({ id: image.id }));
    expect(res.status).toBe(200);
    const body = imageTextSchema.parse(await res.json());
    expect(body).toMatchObject({
      imageId: image.id,
      text: "REF VD25-0150",
      codes: [{ format: "EAN-13", text: "7891234567895" }],
      engine: ENGINE,
      threshold: 0.82,
      candidates: [
        {
          productId: target.id,
          sku: "VD25-0150",
          score: 1,
          reasons: ["ocr_text", "barcode"],
          evidence: ["VD25-0150", "EAN-13 7891234567895"],
          aboveThreshold: true,
        },
      ],
    });
    expect(body.readAt).not.toBeNull();

    const cand = await candidatesRoute(
      getRequest(viewer, `/api/v1/images/${image.id}/candidates`),
      params({ id: image.id }),
    );
    const { candidates } = imageCandidatesSchema.parse(await cand.json());
    expect(candidates[0]).toMatchObject({
      productId: target.id,
      reasons: expect.arrayContaining(["ocr_text", "barcode"]),
    });

    expect((await imageTextRoute(getRequest(viewer, "/x"), params({ id: "nope" }))).status).toBe(404);
    expect(
      (await imageTextRoute(getRequest(viewer, "/x"), params({ id: "00000000-0000-7000-8000-000000000000" }))).status,
    ).toBe(404);
    expect((await imageTextRoute(new Request("http://localhost/x"), params({ id: image.id }))).status).toBe(401);
  });

  it("the catalog search finds a photo by its OCR text and by a barcode's digits", async () => {
    const viewer = await apiTokenFor("VIEWER");
    const image = await seedImage("foto-sem-nome.jpg", alfa);
    await seedImage("outra.jpg", alfa);
    await writeTextReading(
      image.id,
      reading("Etiqueta Coleção Verão\nREF VD25-0150", [{ format: "EAN-13", text: "7891234567895" }]),
    );
    const names = async (q: string) => {
      const res = await listImagesRoute(getRequest(viewer, `/api/v1/images?q=${encodeURIComponent(q)}`), params({}));
      return ((await res.json()).items as { originalName: string }[]).map((i) => i.originalName);
    };
    expect(await names("7891234567895")).toEqual(["foto-sem-nome.jpg"]);
    expect(await names("colecao verao")).toEqual(["foto-sem-nome.jpg"]);
    expect(await names("4006381333931")).toEqual([]);
  });
});

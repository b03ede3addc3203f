// The "texto" step in real AI runs: runs created through the API with fields ["texto"], processed
// by the real AI queue worker, the real local OCR and barcode decoder (readPhotoText) on tag photos
// made with sharp/SVG and zxing-wasm (tests/support/tag-photos.ts), originals in real storage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as startRun } from "@/app/api/v1/ai/runs/route";
import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { getPrisma } from "@/lib/db/client";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { ean13, makeProductPhoto, makeTagPhoto } from "../../support/tag-photos";
import { jsonRequest, params, seedProduct, seedScope, waitForRun, type Scope, seedPhotoFromJpeg } from "./runs-support";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let auth: Auth;
let scope: Scope;

async function runTexto(imageIds: string[]) {
  const response = await startRun(
    jsonRequest(auth.headers, "/api/v1/ai/runs", { selection: { imageIds }, fields: ["texto"] }),
    params({}),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return waitForRun(id, ["COMPLETED", "FAILED"], 120_000);
}

const itemOf = (imageId: string) => getPrisma().aiRunItem.findFirstOrThrow({ where: { imageId } });

beforeAll(async () => {
  await startWorkers({ handlers: [aiRunHandler] });
});
afterAll(async () => {
  await stopWorkers();
});
beforeEach(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("ADMIN");
  scope = await seedScope("Etiquetas");
});

describe("the texto step", () => {
  it("reads a tag's SKU and EAN-13, stores them, and proposes the SKU above the threshold without linking it", async () => {
    const ean = ean13("789123400150");
    const target = await seedProduct("VD25-0150", scope, { extra: { ean } });
    await seedProduct("VD25-0151", scope);
    const tag = await seedPhotoFromJpeg(
      "etiqueta-001.jpg",
      scope,
      await makeTagPhoto({ lines: ["REF VD25-0150", "TAM M"], barcode: { kind: "EAN13", value: ean }, rotate: 2 }),
    );
    const plain = await seedPhotoFromJpeg("lisa.jpg", scope, await makeProductPhoto(3, 800, 1000));
    const damaged = await seedPhotoFromJpeg(
      "riscada.jpg",
      scope,
      await makeTagPhoto({ lines: ["TAM G"], barcode: { kind: "EAN13", value: ean, damaged: true } }),
    );
    const missing = await seedPhotoFromJpeg("sumiu.jpg", scope, null);

    const run = await runTexto([tag.id, plain.id, damaged.id, missing.id]);
    expect(run).toMatchObject({ status: "COMPLETED", succeeded: 3, failed: 1 });

    expect(await itemOf(tag.id)).toMatchObject({ status: "SUCCEEDED", stepsDone: ["texto"] });
    const row = await getPrisma().image.findUniqueOrThrow({ where: { id: tag.id } });
    expect(row.aiOcrText).toContain("VD25-0150");
    expect(row.aiCodes).toEqual([{ format: "EAN-13", text: ean }]);
    expect(row.aiTextReadAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({ productId: null, matchStatus: "UNMATCHED" });
    const [top] = (await getImageCandidates(tag.id)).candidates;
    expect(top).toMatchObject({
      productId: target.id,
      score: 1,
      reasons: expect.arrayContaining(["ocr_text", "barcode"]),
      text: { aboveThreshold: true },
    });

    // No text, no error; a damaged barcode names nothing; a missing original fails the photo alone.
    for (const id of [plain.id, damaged.id]) {
      expect(await itemOf(id)).toMatchObject({ status: "SUCCEEDED" });
      expect(await getPrisma().imageTextCandidate.count({ where: { imageId: id } })).toBe(0);
    }
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: damaged.id } })).aiCodes).toEqual([]);
    expect(await itemOf(missing.id)).toMatchObject({ status: "FAILED", errorCode: "ORIGINAL_MISSING" });
  });

  it("auto-links an exact barcode match when an admin turned it on", async () => {
    const ean = ean13("789123400270");
    const target = await seedProduct("BL25-0270", scope, { extra: { ean } });
    await getPrisma().appSetting.create({
      data: { key: "autoLinkExactBarcode", value: true, updatedById: auth.user.id },
    });
    const tag = await seedPhotoFromJpeg(
      "caixa.jpg",
      scope,
      await makeTagPhoto({ lines: ["BLUSA"], barcode: { kind: "EAN13", value: ean } }),
    );
    expect(await runTexto([tag.id])).toMatchObject({ status: "COMPLETED", succeeded: 1 });
    expect(await getPrisma().image.findUniqueOrThrow({ where: { id: tag.id } })).toMatchObject({
      productId: target.id,
      matchStatus: "MANUAL",
      matchDecidedById: auth.user.id,
    });
    expect((await itemOf(tag.id)).warnings).toEqual([expect.stringContaining("Vinculada automaticamente a BL25-0270")]);
  });
});

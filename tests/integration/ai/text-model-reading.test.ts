// The "texto" step with the ADMIN setting photoTextReader "model": the text comes from the vision
// model (the real openai client against the fake server, which "sees" the text the file name spells
// in texto[…]), the barcodes from the local decoder on the real pixels; runs made through the API and
// processed by the real AI worker, originals in real storage. The same photo read locally gives the
// OCR's text instead, and a run without keys (local engine) never calls the model.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as startRun } from "@/app/api/v1/ai/runs/route";
import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { getPrisma } from "@/lib/db/client";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { updateAppSettings } from "@/lib/settings/app-settings";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { ean13, makeTagPhoto } from "../../support/tag-photos";
import {
  addKeys,
  jsonRequest,
  params,
  seedProduct,
  seedScope,
  waitForRun,
  type Scope,
  seedPhotoFromJpeg,
} from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer();
});

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
  return waitForRun(id, ["COMPLETED", "FAILED", "PAUSED"], 120_000);
}

const textCalls = () => getPrisma().aiCall.findMany({ where: { purpose: "text" } });
const admin = () => ({ id: auth.user.id, email: auth.user.email, name: auth.user.name, role: "ADMIN" as const });

beforeAll(async () => {
  await startWorkers({ handlers: [aiRunHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("ADMIN");
  scope = await seedScope("Leitura modelo");
});

describe("the texto step read by the vision model", () => {
  it("stores the model's text and the locally decoded barcode, proposes the SKU it names, and pays one call", async () => {
    const ean = ean13("789123400310");
    const target = await seedProduct("VD25-0310", scope, { extra: { ean } });
    await seedProduct("VD25-0311", scope);
    await updateAppSettings(admin(), { photoTextReader: "model" });
    await addKeys("sk-test-text-model-aaaaaaaaaaaa");
    // The printed tag says only "TAM G": the SKU can come from the model's reading alone.
    const tag = await seedPhotoFromJpeg(
      "etiqueta texto[REF VD25-0310|TAM G].jpg",
      scope,
      await makeTagPhoto({ lines: ["TAM G"], barcode: { kind: "EAN13", value: ean } }),
    );

    const run = await runTexto([tag.id]);
    expect(run).toMatchObject({ engine: "model", status: "COMPLETED", succeeded: 1 });

    const row = await getPrisma().image.findUniqueOrThrow({ where: { id: tag.id } });
    expect(row.aiOcrText).toBe("REF VD25-0310\nTAM G");
    expect(row.aiCodes).toEqual([{ format: "EAN-13", text: ean }]);
    expect(row.aiTextEngine).toBe("gpt-4o-mini (modelo de visão) + zxing-wasm 3");
    const [top] = (await getImageCandidates(tag.id)).candidates;
    expect(top).toMatchObject({ productId: target.id, reasons: expect.arrayContaining(["ocr_text", "barcode"]) });

    const calls = await textCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ ok: true, imageId: tag.id, model: "gpt-4o-mini" });
    expect(calls[0]!.tokensIn).toBeGreaterThan(0);
    const item = await getPrisma().aiRunItem.findFirstOrThrow({ where: { imageId: tag.id } });
    expect(item).toMatchObject({ status: "SUCCEEDED", stepsDone: ["texto"] });
    expect(item.tokensIn).toBe(calls[0]!.tokensIn);
    const sent = fake.requests.filter((r) => r.fileName === tag.originalName);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ responseFormat: "json_schema", imageDetail: "high" });
  });

  it("with the setting on local (the default) the same photo is read by the OCR, and no model call is made", async () => {
    await addKeys("sk-test-text-model-bbbbbbbbbbbb");
    const tag = await seedPhotoFromJpeg(
      "etiqueta texto[REF VD25-0310].jpg",
      scope,
      await makeTagPhoto({ lines: ["TAM G"] }),
    );
    expect(await runTexto([tag.id])).toMatchObject({ engine: "model", status: "COMPLETED", succeeded: 1 });
    const row = await getPrisma().image.findUniqueOrThrow({ where: { id: tag.id } });
    expect(row.aiTextEngine).toMatch(/^tesseract\.js/);
    expect(row.aiOcrText).toContain("TAM G");
    expect(row.aiOcrText).not.toContain("VD25-0310");
    expect(await textCalls()).toHaveLength(0);
  });

  it("a run without keys (local engine) reads locally even with the setting on model", async () => {
    await updateAppSettings(admin(), { photoTextReader: "model" });
    const tag = await seedPhotoFromJpeg(
      "etiqueta texto[REF VD25-0310].jpg",
      scope,
      await makeTagPhoto({ lines: ["TAM P"] }),
    );
    expect(await runTexto([tag.id])).toMatchObject({ engine: "local", status: "COMPLETED", succeeded: 1 });
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: tag.id } })).aiTextEngine).toMatch(/^tesseract/);
    expect(await textCalls()).toHaveLength(0);
  });
});

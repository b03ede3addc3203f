// The runs API: roles, refusals with their codes, listing with cursors, the estimate, the single
// analysis, and the answers parsed by the strict schemas the browser's types come from. No worker
// runs here: runs stay QUEUED (their jobs wait in the queue), which is what these routes report.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as cancelRun } from "@/app/api/v1/ai/runs/[id]/cancel/route";
import { GET as getItems } from "@/app/api/v1/ai/runs/[id]/items/route";
import { GET as getRun } from "@/app/api/v1/ai/runs/[id]/route";
import { POST as estimate } from "@/app/api/v1/ai/runs/estimate/route";
import { GET as listRuns, POST as startRun } from "@/app/api/v1/ai/runs/route";
import { POST as analyze } from "@/app/api/v1/images/[id]/analyze/route";
import { GET as listImages } from "@/app/api/v1/images/route";
import {
  aiRunCreatedSchema,
  aiRunDetailSchema,
  aiRunEstimateAnswerSchema,
  aiRunItemPageSchema,
  aiRunPageSchema,
  aiRunStartedSchema,
} from "@/lib/ai/runs/schemas";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { imagePageSchema } from "@/lib/images/schemas";
import { stopBoss } from "@/lib/jobs/boss";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { addKeys, jsonRequest, params, seedPhoto, seedScope, type Scope } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer({ AI_RUN_MAX_IMAGES: "5" });
});

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let editor: Auth;
let viewer: Auth;
let scope: Scope;
let photoIds: string[];

const get = (auth: Auth, path: string) => new Request(`http://localhost${path}`, { headers: auth.headers });

beforeAll(async () => {
  await truncateAllTables();
  editor = await apiTokenFor("EDITOR");
  viewer = await apiTokenFor("VIEWER");
  scope = await seedScope("API");
  photoIds = [];
  for (let i = 0; i < 3; i++) photoIds.push((await seedPhoto(`VD24-09${i}_FRENTE.jpg`, scope)).id);
});
afterAll(async () => {
  await stopBoss();
  await fake.close();
});
beforeEach(async () => {
  await getPrisma().aiRun.deleteMany();
  await getPrisma().aiProviderKey.deleteMany();
});

describe("POST /api/v1/ai/runs", () => {
  it("EDITOR starts a run: 201 {id, total, estimate}, items materialised, audited; VIEWER is refused", async () => {
    await addKeys("sk-test-api-aaaaaaaaaaaaaaaa");
    const body = { selection: { imageIds: photoIds }, fields: ["cor", "descricao"] };
    const denied = await startRun(jsonRequest(viewer.headers, "/api/v1/ai/runs", body), params({}));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: "FORBIDDEN" });
    expect(await getPrisma().aiRun.count()).toBe(0);

    const response = await startRun(jsonRequest(editor.headers, "/api/v1/ai/runs", body), params({}));
    expect(response.status).toBe(201);
    const created = aiRunCreatedSchema.parse(await response.json());
    expect(created.total).toBe(3);
    expect(created.estimate.perImageTokens.tokensIn).toBeGreaterThan(0);
    expect(created.estimate.seconds).toBeGreaterThan(0);
    const run = await getPrisma().aiRun.findUniqueOrThrow({ where: { id: created.id } });
    expect(run).toMatchObject({
      status: "QUEUED",
      engine: "model",
      mode: "now",
      fields: ["descricao", "cor"],
      total: 3,
    });
    expect(await getPrisma().aiRunItem.count({ where: { runId: created.id, status: "PENDING" } })).toBe(3);
    expect(await getPrisma().auditLog.count({ where: { action: "AI_RUN_STARTED", entityId: created.id } })).toBe(1);

    // VIEWER reads runs, their detail and items (X-Polling-Interval in seconds while active).
    const detail = await getRun(get(viewer, `/api/v1/ai/runs/${created.id}`), params({ id: created.id }));
    expect(detail.status).toBe(200);
    expect(detail.headers.get("x-polling-interval")).toBe("2");
    expect(aiRunDetailSchema.parse(await detail.json())).toMatchObject({ isDone: false, pending: 3, percent: 0 });
    const items = await getItems(
      get(viewer, `/api/v1/ai/runs/${created.id}/items?status=PENDING&limit=2`),
      params({ id: created.id }),
    );
    const page = aiRunItemPageSchema.parse(await items.json());
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.fileName).toMatch(/VD24-09/);
    const rest = await getItems(
      get(viewer, `/api/v1/ai/runs/${created.id}/items?cursor=${page.nextCursor}`),
      params({ id: created.id }),
    );
    expect(aiRunItemPageSchema.parse(await rest.json())).toMatchObject({
      items: [expect.anything()],
      nextCursor: null,
    });

    // VIEWER cannot control runs.
    const cancel = await cancelRun(
      jsonRequest(viewer.headers, `/api/v1/ai/runs/${created.id}/cancel`),
      params({ id: created.id }),
    );
    expect(cancel.status).toBe(403);
  });

  it("refusals: no field, unknown field, empty and oversized selections, unknown ids, batch mode on a local engine", async () => {
    const post = (body: unknown) => startRun(jsonRequest(editor.headers, "/api/v1/ai/runs", body), params({}));
    expect(await (await post({ selection: { imageIds: photoIds }, fields: [] })).json()).toMatchObject({
      error: "VALIDATION_FAILED",
    });
    expect(await (await post({ selection: { imageIds: photoIds }, fields: ["sku"] })).json()).toMatchObject({
      error: "VALIDATION_FAILED",
    });
    const empty = await post({ selection: { imageIds: [] }, fields: ["cor"] });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ details: { code: "EMPTY_SELECTION" } });
    const unknown = await post({ selection: { imageIds: ["0190f3a4-0000-7000-8000-000000000000"] }, fields: ["cor"] });
    expect(await unknown.json()).toMatchObject({ details: { code: "EMPTY_SELECTION" } });
    for (let i = 0; i < 3; i++) await seedPhoto(`VD24-99${i}_FRENTE.jpg`, scope);
    const tooLarge = await post({ selection: { filter: { collectionId: scope.collection.id } }, fields: ["cor"] });
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.json()).toMatchObject({ error: "AI_RUN_TOO_LARGE", details: { max: 5 } });
    const batch = await post({ selection: { imageIds: photoIds }, fields: ["cor"], mode: "batch" });
    expect(batch.status).toBe(400);
    expect(await batch.json()).toMatchObject({
      error: "AI_BATCH_UNSUPPORTED",
      message: expect.stringMatching(/chave/),
    });
    // The Batch API carries the vision requests only: the text on the photo and the content run at once.
    for (const fields of [["cor", "texto"], ["conteudo"]]) {
      const withOtherSteps = await post({ selection: { imageIds: photoIds }, fields, mode: "batch" });
      expect(withOtherSteps.status).toBe(400);
      expect(await withOtherSteps.json()).toMatchObject({
        error: "AI_BATCH_UNSUPPORTED",
        message: expect.stringMatching(/só a análise visual/),
      });
    }
    expect(await getPrisma().aiRun.count()).toBe(0);
    await getPrisma().image.deleteMany({ where: { originalName: { startsWith: "VD24-99" } } });
  });

  it("batch mode on a compatible server without the Batch API is refused with a pt-BR message", async () => {
    await addKeys("sk-test-api-bbbbbbbbbbbbbbbb");
    fake.setBehaviour({ batchApi: false });
    try {
      const response = await startRun(
        jsonRequest(editor.headers, "/api/v1/ai/runs", {
          selection: { imageIds: photoIds },
          fields: ["cor"],
          mode: "batch",
        }),
        params({}),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: "AI_BATCH_UNSUPPORTED",
        message: expect.stringMatching(/Batch API/),
      });
    } finally {
      fake.setBehaviour({ batchApi: true });
    }
  });

  it("the estimate has no side effects; batch mode costs half", async () => {
    await addKeys("sk-test-api-cccccccccccccccc");
    const ask = async (mode: string) => {
      const response = await estimate(
        jsonRequest(editor.headers, "/api/v1/ai/runs/estimate", {
          selection: { imageIds: photoIds },
          fields: ["cor"],
          mode,
        }),
        params({}),
      );
      expect(response.status).toBe(200);
      return aiRunEstimateAnswerSchema.parse(await response.json());
    };
    const now = await ask("now");
    const batch = await ask("batch");
    expect(now.total).toBe(3);
    expect(now.engine).toBe("model");
    expect(now.model).toBe(getEnv().OPENAI_MODEL);
    expect(batch.estimate.costUsd).toBeCloseTo(now.estimate.costUsd / 2, 5);
    expect(now.estimate.costUsd).toBeGreaterThan(0);
    expect(await getPrisma().aiRun.count()).toBe(0);
    const denied = await estimate(
      jsonRequest(viewer.headers, "/api/v1/ai/runs/estimate", { selection: { imageIds: photoIds }, fields: ["cor"] }),
      params({}),
    );
    expect(denied.status).toBe(403);
  });

  it("the estimate prices the model steps a run asks for: vision and content; the text on the photo is free", async () => {
    await addKeys("sk-test-api-eeeeeeeeeeeeeeee");
    const ask = async (fields: string[]) => {
      const response = await estimate(
        jsonRequest(editor.headers, "/api/v1/ai/runs/estimate", { selection: { imageIds: photoIds }, fields }),
        params({}),
      );
      expect(response.status).toBe(200);
      return aiRunEstimateAnswerSchema.parse(await response.json()).estimate;
    };
    const vision = await ask(["cor"]);
    const content = await ask(["conteudo"]);
    const both = await ask(["cor", "conteudo"]);
    const text = await ask(["texto"]);
    expect(content.costUsd).toBeGreaterThan(0);
    expect(both.costUsd).toBeCloseTo(vision.costUsd + content.costUsd, 5); // each rounded to 6 digits
    expect(both.perImageTokens.tokensIn).toBe(vision.perImageTokens.tokensIn + content.perImageTokens.tokensIn);
    // Two calls a photo: half the photos a minute at the same request rate.
    expect(both.ratePerMinute).toBeCloseTo(vision.ratePerMinute / 2, 0);
    expect(text).toMatchObject({ costUsd: 0, perImageTokens: { tokensIn: 0, tokensOut: 0 } });
    // Read by the vision model (ADMIN setting): one more call a photo, priced at AI_TEXT_DETAIL.
    await getPrisma().appSetting.create({ data: { key: "photoTextReader", value: "model" } });
    const modelText = await ask(["texto"]);
    expect(modelText.costUsd).toBeGreaterThan(0);
    expect(modelText.perImageTokens.tokensIn).toBeGreaterThan(vision.perImageTokens.tokensIn);
    const visionAndText = await ask(["cor", "texto"]);
    expect(visionAndText.ratePerMinute).toBeCloseTo(vision.ratePerMinute / 2, 0);
  });

  it("lists runs newest first with a cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await startRun(
        jsonRequest(editor.headers, "/api/v1/ai/runs", { selection: { imageIds: [photoIds[i]] }, fields: ["tags"] }),
        params({}),
      );
      ids.push(((await response.json()) as { id: string }).id);
    }
    const first = aiRunPageSchema.parse(
      await (await listRuns(get(viewer, "/api/v1/ai/runs?limit=2"), params({}))).json(),
    );
    expect(first.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0]!.createdBy).toMatchObject({ email: editor.user.email });
    expect(first.items[0]!.engine).toBe("local");
    const second = aiRunPageSchema.parse(
      await (await listRuns(get(viewer, `/api/v1/ai/runs?limit=2&cursor=${first.nextCursor}`), params({}))).json(),
    );
    expect(second).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
  });
});

describe("POST /api/v1/images/{id}/analyze", () => {
  it("202 {runId}: a run of one photo with every field unless told; 404 for an unknown photo; VIEWER refused", async () => {
    const response = await analyze(
      jsonRequest(editor.headers, `/api/v1/images/${photoIds[0]}/analyze`, {}),
      params({ id: photoIds[0]! }),
    );
    expect(response.status).toBe(202);
    const { runId } = aiRunStartedSchema.parse(await response.json());
    expect(response.headers.get("location")).toBe(`/api/v1/ai/runs/${runId}`);
    const run = await getPrisma().aiRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({
      total: 1,
      fields: ["descricao", "tags", "cor", "tipo", "material", "estilo", "pecas", "texto"], // all but the content
    });
    const missing = "0190f3a4-0000-7000-8000-000000000001";
    expect(
      (await analyze(jsonRequest(editor.headers, `/api/v1/images/${missing}/analyze`, {}), params({ id: missing })))
        .status,
    ).toBe(404);
    expect(
      (
        await analyze(
          jsonRequest(viewer.headers, `/api/v1/images/${photoIds[0]}/analyze`, {}),
          params({ id: photoIds[0]! }),
        )
      ).status,
    ).toBe(403);
  });
});

describe("image answers", () => {
  it("list items carry the AI fields and pieces (strict schema)", async () => {
    await getPrisma().image.update({
      where: { id: photoIds[0] },
      data: {
        aiColor: "VERMELHO",
        aiSource: "model",
        aiDivergences: ["cor"],
        aiConfidence: { cor: 0.9 },
        items: {
          create: [
            { position: 1, category: "VESTIDO", boundingBox: { x: 0, y: 0, width: 1, height: 1 }, confidence: 0.8 },
          ],
        },
      },
    });
    const response = await listImages(get(viewer, `/api/v1/images?collectionId=${scope.collection.id}`), params({}));
    const page = imagePageSchema.parse(await response.json());
    const image = page.items.find((i) => i.id === photoIds[0])!;
    expect(image).toMatchObject({
      aiColor: "VERMELHO",
      aiSource: "model",
      aiDivergences: ["cor"],
      aiConfidence: { cor: 0.9 },
    });
    expect(image.items).toEqual([
      {
        position: 1,
        description: null,
        category: "VESTIDO",
        color: null,
        material: null,
        boundingBox: { x: 0, y: 0, width: 1, height: 1 },
        confidence: 0.8,
      },
    ]);
  });
});

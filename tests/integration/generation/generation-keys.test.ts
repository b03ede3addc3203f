// Generation against key faults and bad replies, through the real `openai` client and the fake
// server's Images API: 401 on the first key + 429 Retry-After on the second (rotation, pacing),
// every key refused (one pool reset, then the job pauses; resume), a content-policy refusal and the
// three bad replies (failed items, the job goes on), a slow reply (timeout). Generated images enter
// the bank: READY with thumbnail and sha256, linked to the prompt's SKU.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as keyStatsRoute } from "@/app/api/v1/generation/keys/stats/route";
import { POST as resumeRoute } from "@/app/api/v1/generation/jobs/[id]/resume/route";
import { processImageHandler } from "@/lib/batches/process-image-handler";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { generationHandler } from "@/lib/generation/generation-handler";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { normalizeSkuKey } from "@/lib/sku";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { CONTENT_POLICY_MESSAGE } from "../../support/fake-images-api";
import {
  addImageKeys,
  createJob,
  jsonRequest,
  params,
  seedScope,
  waitForImagesProcessed,
  waitForJob,
} from "./generation-support";

const fake = await vi.hoisted(async () => {
  const { startGenerationTestServer } = await import("./generation-support");
  return startGenerationTestServer();
});

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
const prisma = () => getPrisma();

beforeAll(async () => {
  await startWorkers({ handlers: [generationHandler, processImageHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  await truncateAllTables();
  fake.requests.length = 0;
  fake.setBehaviour({ keys: {}, faults: {}, latencyMs: 0 });
  Object.assign(getEnv(), { GENERATION_REQUEST_TIMEOUT_SECONDS: 10, GENERATION_MAX_ATTEMPTS: 2 });
  auth = await apiTokenFor("EDITOR");
});

describe("key rotation and pacing", () => {
  it("401 on the first key, 429 Retry-After on the second: rotated, paced, every image stored and linked", async () => {
    const bad = "sk-test-gen-revoked-000000000000000001";
    const limited = "sk-test-gen-limited-000000000000000002";
    const [badId, limitedId] = await addImageKeys(bad, limited);
    fake.setBehaviour({
      keys: {
        [bad]: { kind: "status", status: 401, code: "invalid_api_key" },
        [limited]: { kind: "status", status: 429, retryAfterSeconds: 2, times: 1 },
      },
    });
    const scope = await seedScope("Rot");
    await prisma().product.create({
      data: {
        sku: "VD25-0150",
        skuKey: normalizeSkuKey("VD25-0150"),
        brandId: scope.brand.id,
        collectionId: scope.collection.id,
      },
    });
    const job = await createJob(auth.headers, {
      prompts: [{ prompt: "SKU: VD25-0150\nvestido em fundo neutro\nluz suave [x2]" }, { prompt: "campo de flores" }],
      batch: { name: "Geração rotação", collectionId: scope.collection.id },
    });
    expect(job.total).toBe(3);
    const ended = await waitForJob(job.id);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 3, failed: 0 });

    const requests = fake.imageRequests();
    // The revoked key was asked once, then left out of the generation pool with its reason.
    expect(requests.filter((r) => r.apiKey === bad)).toHaveLength(1);
    const badRow = await prisma().aiProviderKey.findUniqueOrThrow({ where: { id: badId! } });
    expect(badRow.generationInvalidReason).toMatch(/^401/);
    expect(badRow.status).toBe("ACTIVE"); // still fine for the other capabilities
    // Pacing: after the 429 nothing went to that key before its Retry-After ran out.
    const onLimited = requests.filter((r) => r.apiKey === limited);
    expect(onLimited.map((r) => r.status)).toEqual([429, 200, 200, 200]);
    expect(onLimited[1]!.at - onLimited[0]!.at).toBeGreaterThanOrEqual(1900);

    const images = await waitForImagesProcessed(job.batchId, 3);
    expect(images.map((i) => i.relativePath).sort()).toEqual([
      "campo_de_flores/3.png",
      "vestido_em_fundo_neutro_luz_suave/VD25-0150_1.png",
      "vestido_em_fundo_neutro_luz_suave/VD25-0150_2.png",
    ]);
    for (const image of images) {
      expect(image.processingStatus).toBe("READY");
      expect(image.thumbnailKey).toBeTruthy();
      expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(image.format).toBe("png");
      expect(image.generatedModel).toBe("gpt-image-1");
      expect(image.generationItemId).toBeTruthy();
      expect(image.generatedRevisedPrompt).toMatch(/^Revisado:/);
    }
    const linked = images.filter((i) => i.originalName.startsWith("VD25-0150_"));
    expect(linked).toHaveLength(2);
    for (const image of linked) {
      expect(image.productId).toBeTruthy();
      expect(image.matchStatus).toBe("MATCHED");
      expect(image.generatedPrompt).toBe("vestido em fundo neutro\nluz suave");
    }
    expect(images.find((i) => i.originalName === "3.png")!.productId).toBeNull();

    const stats = (await (
      await keyStatsRoute(jsonRequest(auth.headers, "/", undefined, "GET"), params({}))
    ).json()) as {
      keys: {
        id: string;
        successes: number;
        errors: number;
        images: number;
        costUsd: number;
        lastError: string | null;
        status: string;
      }[];
    };
    const byId = new Map(stats.keys.map((k) => [k.id, k]));
    expect(byId.get(badId!)).toMatchObject({ successes: 0, errors: 1, images: 0, status: "INVALID" });
    expect(byId.get(badId!)!.lastError).toMatch(/401/);
    expect(byId.get(limitedId!)).toMatchObject({ successes: 3, errors: 1, images: 3 });
    expect(byId.get(limitedId!)!.costUsd).toBeCloseTo(0.12, 5);
    expect(await prisma().aiCall.count({ where: { purpose: "image", ok: true } })).toBe(3);
    expect(await prisma().aiCall.count({ where: { purpose: "image", ok: false } })).toBe(2);
  });

  it("every key refused: the pool resets once, then the job pauses with a clear code; resume finishes it", async () => {
    const a = "sk-test-gen-refused-a-0000000000000001";
    const b = "sk-test-gen-refused-b-0000000000000002";
    await addImageKeys(a, b);
    fake.setBehaviour({
      keys: { [a]: { kind: "status", status: 401 }, [b]: { kind: "status", status: 403 } },
    });
    const scope = await seedScope("Reset");
    const job = await createJob(auth.headers, {
      prompts: [{ prompt: "um fundo [x2]" }],
      batch: { name: "Geração reset", collectionId: scope.collection.id },
    });
    const paused = await waitForJob(job.id);
    expect(paused.status).toBe("PAUSED");
    expect(paused.pauseCode).toBe("GENERATION_KEYS_EXHAUSTED");
    expect(paused.pauseReason).toMatch(/reiniciar o pool/);
    expect(paused.poolResets).toBe(1);
    // Each key asked twice: once before the reset, once after.
    const requests = fake.imageRequests();
    expect(requests.filter((r) => r.apiKey === a)).toHaveLength(2);
    expect(requests.filter((r) => r.apiKey === b)).toHaveLength(2);
    expect(await prisma().generationItem.count({ where: { jobId: job.id, status: "PENDING" } })).toBe(2);

    // The keys work again (e.g. the account was fixed): resume resets the pool and finishes.
    fake.setBehaviour({ keys: {} });
    const res = await resumeRoute(
      jsonRequest(auth.headers, `/api/v1/generation/jobs/${job.id}/resume`),
      params({ id: job.id }),
    );
    expect(res.status).toBe(200);
    const ended = await waitForJob(job.id, ["COMPLETED"]);
    expect(ended).toMatchObject({ succeeded: 2, failed: 0, pauseCode: null });
    // Resuming a finished job is refused with a stable code.
    const again = await resumeRoute(jsonRequest(auth.headers, `/x`), params({ id: job.id }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe("GENERATION_INVALID_STATE");
  });

  it("no image key at all: the job pauses with GENERATION_NO_KEYS", async () => {
    const scope = await seedScope("NoKeys");
    const job = await createJob(auth.headers, {
      prompts: [{ prompt: "qualquer" }],
      batch: { name: "Sem chaves", collectionId: scope.collection.id },
    });
    const paused = await waitForJob(job.id);
    expect(paused).toMatchObject({ status: "PAUSED", pauseCode: "GENERATION_NO_KEYS" });
    expect(fake.imageRequests()).toHaveLength(0);
  });
});

describe("concurrency", () => {
  it("GENERATION_CONCURRENCY 3: images requested side by side, each once, all stored", async () => {
    Object.assign(getEnv(), { GENERATION_CONCURRENCY: 3 });
    try {
      await addImageKeys("sk-test-gen-lanes-a-000000000000000001", "sk-test-gen-lanes-b-000000000000000002");
      fake.setBehaviour({ latencyMs: 400 });
      const scope = await seedScope("Lanes");
      const job = await createJob(auth.headers, {
        prompts: Array.from({ length: 9 }, (_, i) => ({ prompt: `faixa ${i + 1}` })),
        batch: { name: "Faixas", collectionId: scope.collection.id },
      });
      const ended = await waitForJob(job.id);
      expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 9, failed: 0 });
      const requests = fake.imageRequests();
      expect(new Set(requests.map((r) => r.prompt)).size).toBe(9);
      expect(requests).toHaveLength(9);
      // One at a time, each request would start at least the 400 ms latency after the one before.
      const starts = requests.map((r) => r.at).sort((a, b) => a - b);
      expect(starts.slice(1).some((at, i) => at - starts[i]! < 200)).toBe(true);
      expect(await prisma().image.count({ where: { batchId: job.batchId } })).toBe(9);
    } finally {
      Object.assign(getEnv(), { GENERATION_CONCURRENCY: 1 });
    }
  });
});

describe("refusals and bad replies fail their image, never the job", () => {
  it("content policy, no data, invalid base64, a PNG that is really text: failed with the reason; the rest is stored", async () => {
    await addImageKeys("sk-test-gen-replies-00000000000000001");
    const scope = await seedScope("Replies");
    const job = await createJob(auth.headers, {
      prompts: [
        { prompt: "gerar-recusa algo proibido" },
        { prompt: "gerar-sem-dados" },
        { prompt: "gerar-base64-invalido" },
        { prompt: "gerar-png-texto" },
        { prompt: "um prompt normal [x2]" },
      ],
      batch: { name: "Respostas", collectionId: scope.collection.id },
      separateFolders: false,
    });
    const ended = await waitForJob(job.id);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 2, failed: 4 });
    const items = await prisma().generationItem.findMany({ where: { jobId: job.id }, orderBy: { number: "asc" } });
    expect(items.map((i) => [i.number, i.status, i.errorCode])).toEqual([
      [1, "FAILED", "GENERATION_CONTENT_POLICY"],
      [2, "FAILED", "GENERATION_NO_IMAGE_DATA"],
      [3, "FAILED", "GENERATION_INVALID_BASE64"],
      [4, "FAILED", "GENERATION_NOT_AN_IMAGE"],
      [5, "SUCCEEDED", null],
      [6, "SUCCEEDED", null],
    ]);
    // The provider's own reason is kept for the refusal.
    expect(items[0]!.error).toBe(CONTENT_POLICY_MESSAGE);
    // No retry of a refusal or a bad reply: one request each.
    expect(fake.imageRequests()).toHaveLength(6);
    const images = await waitForImagesProcessed(job.batchId, 2);
    expect(images.map((i) => i.relativePath).sort()).toEqual(["5.png", "6.png"]);
    expect(await prisma().image.count()).toBe(2);
  });

  it("a reply slower than the configured timeout: retried up to GENERATION_MAX_ATTEMPTS, then failed as a timeout", async () => {
    Object.assign(getEnv(), { GENERATION_REQUEST_TIMEOUT_SECONDS: 1, GENERATION_MAX_ATTEMPTS: 2 });
    await addImageKeys("sk-test-gen-slow-0000000000000000001");
    const scope = await seedScope("Slow");
    const job = await createJob(auth.headers, {
      prompts: [{ prompt: "gerar-lento paisagem" }, { prompt: "rápido" }],
      batch: { name: "Lento", collectionId: scope.collection.id },
    });
    const ended = await waitForJob(job.id);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 1, failed: 1 });
    const slow = await prisma().generationItem.findFirstOrThrow({ where: { jobId: job.id, number: 1 } });
    expect(slow).toMatchObject({ status: "FAILED", errorCode: "GENERATION_TIMEOUT", attempts: 2 });
  });
});

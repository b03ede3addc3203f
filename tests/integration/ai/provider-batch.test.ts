import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AiCallError } from "@/lib/ai/errors";
import { batchApiSupported, listRunBatches, pollVisionBatch, submitVisionBatch } from "@/lib/ai/provider/batch-api";
import { costUsd } from "@/lib/ai/provider/pricing";
import type { ProviderTarget, VisionContext } from "@/lib/ai/provider/types";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../support/fake-openai-server";

/** Economy mode through the real `openai` client: JSONL upload, batch creation, polling, output parsing. */
const IMAGE = "data:image/jpeg;base64,AAAA";
const RUN_ID = "0190f3a4-0000-7000-8000-00000000a001";

const context = (fileName: string): VisionContext => ({
  fileName,
  relativePath: null,
  sku: null,
  carteira: null,
  vocabulary: { tipoPeca: [], categoria: [], cor: [] },
  fields: ["descricao", "cor", "tipo", "pecas"],
  language: "pt-BR",
});

let server: FakeOpenAiServer;
const target = (): ProviderTarget => ({
  apiKey: "sk-batch",
  baseUrl: server.url,
  model: "gpt-4o-mini",
  detail: "low",
  timeoutMs: 10_000,
});

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.setBehaviour({ batchApi: true, batchPollsToComplete: 2, batchOutcome: "completed" });
});

const requests = [
  { customId: "item-ok", imageDataUrl: IMAGE, context: context("4400123_01-cor-verde.jpg") },
  { customId: "item-500", imageDataUrl: IMAGE, context: context("4400124_01-falha-500.jpg") },
  { customId: "item-9", imageDataUrl: IMAGE, context: context("4400125_01-nove-pecas.jpg") },
  { customId: "item-bad", imageDataUrl: IMAGE, context: context("4400126_01-sem-campos.jpg") },
];

describe("Batch API", () => {
  it("submits one JSONL line per photo and returns per-custom_id results once completed", async () => {
    const { batchId, fileId } = await submitVisionBatch(target(), requests, RUN_ID);
    expect(batchId).toMatch(/^batch/);
    expect(fileId).toMatch(/^file/);

    const first = await pollVisionBatch(target(), batchId);
    expect(first).toEqual({ status: "in_progress", results: [] });

    const done = await pollVisionBatch(target(), batchId);
    expect(done.status).toBe("completed");
    const byId = new Map(done.results.map((r) => [r.customId, r]));
    expect([...byId.keys()].sort()).toEqual(["item-500", "item-9", "item-bad", "item-ok"]);

    const ok = byId.get("item-ok")!.result!;
    expect(ok.reply.cor).toBe("VERDE");
    expect(ok.costUsd).toBeCloseTo(costUsd("gpt-4o-mini", ok.tokensIn, ok.tokensOut) / 2, 12);
    expect(ok.costUsd).toBeGreaterThan(0);
    expect(byId.get("item-9")!.result!.warnings).toEqual(["9 peças detectadas: mantidas 4"]);
    expect(byId.get("item-500")!.error).toBeInstanceOf(AiCallError);
    expect(byId.get("item-500")!.error!.kind).toBe("server");
    expect(byId.get("item-bad")!.error!.kind).toBe("invalid_reply");
    // one JSONL upload for the whole batch
    expect(server.requests.filter((r) => r.path === "/v1/files").length).toBe(1);
  });

  it("an expired batch gives the output it has; the rest have no result", async () => {
    server.setBehaviour({ batchOutcome: "expired", batchPollsToComplete: 1 });
    const { batchId } = await submitVisionBatch(target(), requests, RUN_ID);
    const poll = await pollVisionBatch(target(), batchId);
    expect(poll.status).toBe("expired");
    expect(poll.results.map((r) => r.customId).sort()).toEqual(["item-500", "item-ok"]);
  });

  it("a failed batch reports failed without results", async () => {
    server.setBehaviour({ batchOutcome: "failed", batchPollsToComplete: 1 });
    const { batchId } = await submitVisionBatch(target(), requests.slice(0, 1), RUN_ID);
    expect(await pollVisionBatch(target(), batchId)).toEqual({ status: "failed", results: [] });
  });

  it("says whether the server has the Batch API", async () => {
    expect(await batchApiSupported(target())).toBe(true);
    const without = await startFakeOpenAiServer({ batchApi: false });
    try {
      const other = { ...target(), baseUrl: without.url };
      expect(await batchApiSupported(other)).toBe(false);
      const error = await submitVisionBatch(other, requests, RUN_ID).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "bad_request", details: { status: 404 } });
    } finally {
      await without.close();
    }
  });

  it("an invalid key fails the submission as auth", async () => {
    const error = await submitVisionBatch({ ...target(), apiKey: "sk-invalid-batch" }, requests, RUN_ID).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "auth" });
  });

  it("finds a run's batches by the run id in their metadata, with the photos each carries", async () => {
    const runId = "0190f3a4-0000-7000-8000-00000000a002";
    const first = await submitVisionBatch(target(), requests.slice(0, 1), runId);
    const second = await submitVisionBatch(target(), requests.slice(1, 3), runId);
    await submitVisionBatch(target(), requests.slice(3), "0190f3a4-0000-7000-8000-00000000a003");
    const found = await listRunBatches(target(), runId, new Set([first.batchId]));
    expect(found).toEqual([{ batchId: second.batchId, customIds: ["item-500", "item-9"] }]);
  });
});

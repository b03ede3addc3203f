// Economy mode end to end: the run uploads a JSONL file and creates a batch on the fake server
// (real `openai` client), polls it, writes its results through the same writer, and fails the
// photos an expired batch did not answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { createAiRun } from "@/lib/ai/runs/create-run";
import { cancelRun } from "@/lib/ai/runs/run-control";
import { getPrisma } from "@/lib/db/client";
import { startWorkers, stopWorkers } from "@/lib/jobs/start-workers";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { addKeys, seedPhoto, seedScope, waitForRun } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer();
});

let auth: Awaited<ReturnType<typeof apiTokenFor>>;

async function batchRun(names: string[]) {
  const scope = await seedScope("Lote");
  const ids = [];
  for (const name of names) ids.push((await seedPhoto(name, scope)).id);
  const run = await createAiRun(auth.user as never, {
    selection: { imageIds: ids },
    fields: ["cor", "descricao", "pecas"],
    overwriteManual: false,
    mode: "batch",
  });
  return { run, ids };
}

beforeAll(async () => {
  await startWorkers({ handlers: [aiRunHandler] });
});
afterAll(async () => {
  await stopWorkers();
  await fake.close();
});
beforeEach(async () => {
  await truncateAllTables();
  fake.requests.length = 0;
  fake.setBehaviour({ batchOutcome: "completed", batchPollsToComplete: 2 });
  auth = await apiTokenFor("EDITOR");
  await addKeys("sk-test-batch-aaaaaaaaaaaaaaaa");
});

describe("economy mode (Batch API)", () => {
  it("sends the photos as one batch, polls it, and writes every result with the batch price", async () => {
    const { run, ids } = await batchRun(["L1.jpg", "L2.jpg", "L3.jpg"]);
    expect(run.estimate.seconds).toBe(24 * 60 * 60);
    const ended = await waitForRun(run.id, ["COMPLETED", "FAILED"]);
    expect(ended).toMatchObject({ status: "COMPLETED", mode: "batch", succeeded: 3, failed: 0 });
    expect(ended.providerBatchId).toBeTruthy();
    expect(ended.providerFileId).toBeTruthy();
    // One upload and one batch; no live chat completion.
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/files")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/batches")).toHaveLength(1);
    expect(fake.chatRequests()).toHaveLength(0);
    const items = await getPrisma().aiRunItem.findMany({ where: { runId: run.id } });
    expect(new Set(items.map((i) => i.providerBatchId))).toEqual(new Set([ended.providerBatchId]));
    expect(items.every((i) => i.status === "SUCCEEDED" && i.customId === i.id)).toBe(true);
    const calls = await getPrisma().aiCall.findMany({ where: { runId: run.id } });
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.purpose === "vision_batch" && c.ok)).toBe(true);
    for (const id of ids) {
      const image = await getPrisma().image.findUniqueOrThrow({ where: { id } });
      expect(image).toMatchObject({ aiSource: "model", aiError: null });
      expect(image.aiColor).toBeTruthy();
    }
    expect(ended.costUsd).toBeGreaterThan(0);
  });

  it(
    "a run of more than 200 photos is sent as several batches (≤ 200 each), all written",
    { timeout: 90_000 },
    async () => {
      const names = Array.from({ length: 201 }, (_, i) => `M${String(i).padStart(3, "0")}.jpg`);
      const { run } = await batchRun(names);
      const ended = await waitForRun(run.id, ["COMPLETED", "FAILED"], 80_000);
      expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 201, failed: 0 });
      const perBatch = await getPrisma().aiRunItem.groupBy({
        by: ["providerBatchId"],
        where: { runId: run.id },
        _count: { _all: true },
      });
      expect(perBatch.map((b) => b._count._all).sort((a, b) => a - b)).toEqual([1, 200]);
      expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/batches")).toHaveLength(2);
    },
  );

  it("an expired batch: the photos it answered are written, the others fail with the reason", async () => {
    fake.setBehaviour({ batchOutcome: "expired" });
    const { run } = await batchRun(["X1.jpg", "X2.jpg", "X3.jpg", "X4.jpg"]);
    const ended = await waitForRun(run.id, ["COMPLETED", "FAILED"]);
    expect(ended.status).toBe("COMPLETED");
    expect(ended.succeeded + ended.failed).toBe(4);
    expect(ended.failed).toBeGreaterThan(0);
    expect(ended.succeeded).toBeGreaterThan(0);
    const failed = await getPrisma().aiRunItem.findMany({ where: { runId: run.id, status: "FAILED" } });
    for (const item of failed) {
      expect(item.errorCode).toBe("AI_BATCH_FAILED");
      expect(item.error).toMatch(/expirou/);
      expect((await getPrisma().image.findUniqueOrThrow({ where: { id: item.imageId } })).aiErrorCode).toBe(
        "AI_BATCH_FAILED",
      );
    }
  });

  it("cancelling a run whose photos wait in a provider batch cancels them, and the batch at the provider (no more polling)", async () => {
    fake.setBehaviour({ batchPollsToComplete: 10_000 });
    const { run } = await batchRun(["C1.jpg", "C2.jpg"]);
    await expect
      .poll(() => getPrisma().aiRunItem.count({ where: { runId: run.id, providerBatchId: { not: null } } }), {
        timeout: 20_000,
      })
      .toBe(2);
    await cancelRun(auth.user as never, run.id);
    const ended = await getPrisma().aiRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "CANCELLED", cancelled: 2, succeeded: 0 });
    expect(await getPrisma().aiRunItem.count({ where: { runId: run.id, status: "CANCELLED" } })).toBe(2);
    const { providerBatchId } = await getPrisma().aiRun.findUniqueOrThrow({ where: { id: run.id } });
    const cancels = fake.requests.filter(
      (r) => r.method === "POST" && r.path === `/v1/batches/${providerBatchId}/cancel`,
    );
    expect(cancels).toHaveLength(1);
    expect(fake.batchStatus(providerBatchId!)).toBe("cancelled");
  });

  it("a process killed after the provider accepted a batch, before its id was stored: the batch is found again, not sent twice", async () => {
    fake.setBehaviour({ batchPollsToComplete: 10_000 });
    const { run } = await batchRun(["K1.jpg", "K2.jpg", "K3.jpg"]);
    await expect
      .poll(() => getPrisma().aiRunItem.count({ where: { runId: run.id, providerBatchId: { not: null } } }), {
        timeout: 20_000,
      })
      .toBe(3);
    // What the kill leaves: photos claimed long ago, no batch stored, while the provider has the batch.
    await getPrisma().$executeRaw`
      UPDATE "AiRunItem" SET "providerBatchId" = NULL, "customId" = NULL, "claimedAt" = now() - interval '1 day'
      WHERE "runId" = ${run.id}::uuid`;
    await getPrisma().aiRun.update({ where: { id: run.id }, data: { providerBatchId: null } });
    fake.setBehaviour({ batchPollsToComplete: 1 });
    const ended = await waitForRun(run.id, ["COMPLETED", "FAILED"]);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 3, failed: 0 });
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/batches")).toHaveLength(1);
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it("a failed batch fails every photo with the reason; the run still completes (partial success reported honestly)", async () => {
    fake.setBehaviour({ batchOutcome: "failed" });
    const { run } = await batchRun(["F1.jpg", "F2.jpg"]);
    const ended = await waitForRun(run.id, ["COMPLETED", "FAILED"]);
    expect(ended).toMatchObject({ status: "COMPLETED", succeeded: 0, failed: 2 });
    const items = await getPrisma().aiRunItem.findMany({ where: { runId: run.id } });
    expect(items.every((i) => i.errorCode === "AI_BATCH_FAILED" && /falhou/.test(i.error ?? ""))).toBe(true);
  });
});

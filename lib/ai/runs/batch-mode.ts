import { AiCallError } from "@/lib/ai/errors";
import type { AiField } from "@/lib/ai/fields";
import { acquireKey, reportKeyFailure, reportKeySuccess } from "@/lib/ai/keys/key-pool";
import {
  batchApiSupported,
  listRunBatches,
  pollVisionBatch,
  submitVisionBatch,
  type BatchPoll,
} from "@/lib/ai/provider/batch-api";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { imageDataUrlForModel, OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import type { VisionContext } from "@/lib/ai/provider/types";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import type { JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { claimLeaseSeconds, runSliceMs } from "./ai-run-job";
import { backoffDelayMs } from "./backoff";
import { batchKeySecret } from "./batch-key";
import { enqueueRun } from "./enqueue-run";
import { failureOf } from "./call-failure";
import { loadPhotoForAnalysis, visionContextOf } from "./photo-context";
import { failRun, finishIfDone, pauseRun } from "./run-control";
import { ClaimLostError, claimItems, markFailed, recordAiCall, requeueItem, type ClaimedItem } from "./run-items";
import { writeAnalysis } from "./write-analysis";

const log = getLogger("AI");

/** Photos per provider batch: results land (and are written) batch by batch, and a failed batch costs little. */
export const BATCH_CHUNK_SIZE = 200;
const FINISHED: BatchPoll["status"][] = ["completed", "failed", "expired", "cancelled"];

type BatchRun = { id: string; fields: AiField[]; overwriteManual: boolean; createdById: string | null };

/**
 * One job's turn of an economy-mode run (OpenAI's Batch API: half price, results within 24 h):
 * pending photos are sent in batches of ≤ BATCH_CHUNK_SIZE (each item remembers its batch and key),
 * then every open batch is polled with the key that sent it; a finished batch's results go through
 * the same writer and per-item log as live calls, and photos it did not answer (failed or expired
 * batch) fail with the reason. While batches are open the job comes back every AI_BATCH_POLL_SECONDS.
 */
export async function stepBatchRun(run: BatchRun): Promise<JobOutcome> {
  const deadline = Date.now() + runSliceMs();
  await adoptOrphanBatches(run);
  while (Date.now() < deadline) {
    const claimed = await claimItems(run.id, BATCH_CHUNK_SIZE);
    if (claimed.length === 0) break;
    const outcome = await submitChunk(run, claimed);
    if (outcome !== "sent") return "success";
  }
  await pollOpenBatches(run);
  if (await finishIfDone(run.id)) return "success";
  const open = await getPrisma().aiRunItem.groupBy({
    by: ["status"],
    where: { runId: run.id, status: { in: ["PENDING", "RUNNING"] } },
    _count: { _all: true },
  });
  const status = (await getPrisma().aiRun.findUnique({ where: { id: run.id }, select: { status: true } }))?.status;
  if (status === "RUNNING" && open.length > 0) await enqueueRun(run.id, getEnv().AI_BATCH_POLL_SECONDS);
  return "success";
}

async function submitChunk(run: BatchRun, claimed: ClaimedItem[]): Promise<"sent" | "stopped"> {
  const lease = await acquireKey({ capability: "vision", estimatedTokens: 0 });
  if (lease.kind !== "key") {
    if (lease.kind === "none") await pauseRun(run.id, `Nenhuma chave de IA utilizável: ${lease.reason}`);
    const notBefore = lease.kind === "wait" ? new Date(Date.now() + lease.retryInMs) : null;
    for (const item of claimed) await requeueItem(item, { notBefore, attemptsMade: 0 });
    if (lease.kind === "wait") await enqueueRun(run.id, lease.retryInMs / 1000);
    return "stopped";
  }
  const target = providerTargetFromEnv(lease.key.apiKey);
  try {
    if (!(await batchApiSupported(target))) {
      await failRun(
        run.id,
        "AI_BATCH_UNSUPPORTED",
        "O servidor de IA configurado não tem a Batch API (modo econômico); use a análise imediata.",
      );
      return "stopped";
    }
    const requests: { customId: string; imageDataUrl: string; context: VisionContext }[] = [];
    const sent: ClaimedItem[] = [];
    for (const item of claimed) {
      const photo = await loadPhotoForAnalysis(item.imageId);
      if (!photo) continue;
      try {
        const imageDataUrl = await imageDataUrlForModel(photo.storageKey, getEnv().AI_IMAGE_LONG_SIDE);
        requests.push({ customId: item.id, imageDataUrl, context: await visionContextOf(photo, run.fields) });
        sent.push(item);
      } catch (error) {
        if (!(error instanceof OriginalMissingError)) throw error;
        await markFailed(item, { code: "ORIGINAL_MISSING", message: error.message, attemptsMade: 0 });
      }
    }
    if (sent.length === 0) return "sent";
    const { batchId, fileId } = await submitVisionBatch(target, requests, run.id);
    await reportKeySuccess(lease, { tokensIn: 0, tokensOut: 0, costUsd: 0, rateLimit: null });
    const prisma = getPrisma();
    await prisma.$transaction([
      prisma.aiRunItem.updateMany({
        where: { id: { in: sent.map((i) => i.id) } },
        data: { providerBatchId: batchId, keyId: lease.key.id, model: target.model },
      }),
      prisma.$executeRaw`UPDATE "AiRunItem" SET "customId" = "id"::text WHERE "id" = ANY(${sent.map((i) => i.id)}::uuid[])`,
      prisma.aiRun.update({ where: { id: run.id }, data: { providerBatchId: batchId, providerFileId: fileId } }),
    ]);
    log.info({ action: "AI_BATCH_SUBMITTED", runId: run.id, batchId, photos: sent.length }, "Lote enviado à Batch API");
    return "sent";
  } catch (error) {
    if (!(error instanceof AiCallError)) throw error;
    await reportKeyFailure(lease, error);
    for (const item of claimed) {
      const attempt = item.attempts + 1;
      if (error.isRetryable && attempt < getEnv().AI_MAX_ATTEMPTS)
        await requeueItem(item, { notBefore: new Date(Date.now() + backoffDelayMs(attempt)), attemptsMade: 1 });
      else if (error.kind === "auth" || error.kind === "quota")
        await requeueItem(item, { notBefore: null, attemptsMade: 0 });
      else await markFailed(item, { ...failureOf(error), attemptsMade: 1 });
    }
    await enqueueRun(run.id, 2);
    return "stopped";
  }
}

/**
 * A process killed after the provider accepted a batch but before its id was stored leaves the
 * batch's photos claimed with no batch; once their claim expires they would be sent (and billed)
 * again. Before that, the run's batches at the provider that no photo names are looked up (by the
 * run id in their metadata) and the photos they carry are attached to them, to be polled as usual.
 */
async function adoptOrphanBatches(run: BatchRun): Promise<void> {
  const prisma = getPrisma();
  const [stale] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "AiRunItem"
    WHERE "runId" = ${run.id}::uuid AND "status" = 'RUNNING' AND "providerBatchId" IS NULL
      AND "claimedAt" < now() - make_interval(secs => ${claimLeaseSeconds()})`;
  if (!stale || stale.n === 0) return;
  const lease = await acquireKey({ capability: "vision", estimatedTokens: 0 });
  if (lease.kind !== "key") return;
  const target = providerTargetFromEnv(lease.key.apiKey);
  const known = await prisma.$queryRaw<{ batchId: string }[]>`
    SELECT DISTINCT "providerBatchId" AS "batchId" FROM "AiRunItem"
    WHERE "runId" = ${run.id}::uuid AND "providerBatchId" IS NOT NULL`;
  let orphans: { batchId: string; customIds: string[] }[];
  try {
    orphans = await listRunBatches(target, run.id, new Set(known.map((k) => k.batchId)));
  } catch (error) {
    log.warn({ action: "AI_BATCH_LIST_FAILED", runId: run.id, err: String(error) }, "Falha ao listar lotes");
    return;
  }
  for (const { batchId, customIds } of orphans) {
    const adopted = await prisma.$executeRaw`
      UPDATE "AiRunItem" SET "providerBatchId" = ${batchId}, "customId" = "id"::text, "keyId" = ${lease.key.id}::uuid,
        "model" = ${target.model}, "updatedAt" = now()
      WHERE "runId" = ${run.id}::uuid AND "status" = 'RUNNING' AND "providerBatchId" IS NULL
        AND "id"::text = ANY(${customIds}::text[])`;
    if (adopted > 0) {
      await prisma.aiRun.update({ where: { id: run.id }, data: { providerBatchId: batchId } });
      log.info(
        { action: "AI_BATCH_ADOPTED", runId: run.id, batchId, photos: adopted },
        "Lote reencontrado no provedor",
      );
    }
  }
}

async function pollOpenBatches(run: BatchRun): Promise<void> {
  const prisma = getPrisma();
  const open = await prisma.$queryRaw<{ batchId: string; keyId: string | null }[]>`
    SELECT DISTINCT "providerBatchId" AS "batchId", "keyId"::text AS "keyId" FROM "AiRunItem"
    WHERE "runId" = ${run.id}::uuid AND "status" = 'RUNNING' AND "providerBatchId" IS NOT NULL`;
  for (const { batchId, keyId } of open) {
    const items = await prisma.$queryRaw<ClaimedItem[]>`
      SELECT "id"::text AS id, "runId"::text AS "runId", "imageId"::text AS "imageId", "attempts", "claimedAt"::text AS "claimToken",
        "stepsDone"
      FROM "AiRunItem" WHERE "runId" = ${run.id}::uuid AND "providerBatchId" = ${batchId} AND "status" = 'RUNNING'`;
    const secret = keyId ? await batchKeySecret(keyId) : null;
    if (!secret) {
      for (const item of items)
        await markFailed(item, {
          code: "AI_BATCH_FAILED",
          message: "A chave que enviou o lote não está mais disponível: resultado não pode ser lido.",
          attemptsMade: 1,
        });
      continue;
    }
    const target = providerTargetFromEnv(secret);
    let poll: BatchPoll;
    try {
      poll = await pollVisionBatch(target, batchId);
    } catch (error) {
      log.warn(
        { action: "AI_BATCH_POLL_FAILED", runId: run.id, batchId, err: String(error) },
        "Falha ao consultar lote",
      );
      continue;
    }
    if (!FINISHED.includes(poll.status)) continue;
    const results = new Map(poll.results.map((r) => [r.customId, r]));
    for (const item of items) await settleBatchItem(run, item, keyId, target.model, results.get(item.id), poll.status);
  }
}

async function settleBatchItem(
  run: BatchRun,
  item: ClaimedItem,
  keyId: string | null,
  model: string,
  outcome: BatchPoll["results"][number] | undefined,
  batchStatus: BatchPoll["status"],
): Promise<void> {
  const base = { keyId, runId: run.id, imageId: item.imageId, purpose: "vision_batch" as const };
  if (outcome?.result) {
    const result = outcome.result;
    await recordAiCall({
      ...base,
      model: result.model,
      ok: true,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      durationMs: result.durationMs,
      costUsd: result.costUsd,
    });
    try {
      await writeAnalysis({
        item,
        run,
        attemptsMade: 1,
        isLastStep: true, // batch mode does the vision step only (createAiRun refuses other fields)
        result: {
          reply: result.reply,
          warnings: result.warnings,
          source: "model",
          usage: {
            keyId,
            model: result.model,
            tokensIn: result.tokensIn,
            tokensOut: result.tokensOut,
            costUsd: result.costUsd,
            durationMs: result.durationMs,
          },
        },
      });
    } catch (error) {
      if (!(error instanceof ClaimLostError)) throw error;
    }
    return;
  }
  if (outcome?.error) {
    await recordAiCall({ ...base, model, ok: false, errorKind: outcome.error.kind, durationMs: 0 });
    await markFailed(item, { ...failureOf(outcome.error), attemptsMade: 1 });
    return;
  }
  const why =
    batchStatus === "expired"
      ? "O lote expirou (janela de 24 h) antes de analisar esta foto."
      : batchStatus === "cancelled"
        ? "O lote foi cancelado no provedor antes de analisar esta foto."
        : "O lote falhou no provedor antes de analisar esta foto.";
  await markFailed(item, { code: "AI_BATCH_FAILED", message: why, attemptsMade: 1 });
}

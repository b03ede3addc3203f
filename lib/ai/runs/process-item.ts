import { AiCallError } from "@/lib/ai/errors";
import type { AiField } from "@/lib/ai/fields";
import { reportKeyFailure, reportKeySuccess } from "@/lib/ai/keys/key-pool";
import { analyzeLocally, LOCAL_ANALYSER_MODEL } from "@/lib/ai/local/analyze-locally";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { imageDataUrlForModel, OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { estimateVisionTokens } from "@/lib/ai/provider/pricing";
import { callVisionModel } from "@/lib/ai/provider/vision-call";
import { getEnv } from "@/lib/config/env";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { getLogger } from "@/lib/log/logger";
import { backoffDelayMs } from "./backoff";
import { leaseKeyWaitingBriefly } from "./lease-key";
import { loadPhotoForAnalysis, visionContextOf } from "./photo-context";
import { pauseRun } from "./run-control";
import { ClaimLostError, markFailed, recordAiCall, requeueItem, type ClaimedItem } from "./run-items";
import { writeAnalysis } from "./write-analysis";

const log = getLogger("AI");

export type RunForItem = {
  id: string;
  engine: string;
  fields: AiField[];
  overwriteManual: boolean;
  createdById: string | null;
};

/** What became of a photo's turn: done (for good), back in the queue, or the run had to pause. */
export type ItemTurn = "done" | "requeued" | "paused";

/** The item error code and pt-BR message of a provider error that ends the photo. */
export function failureOf(error: AiCallError): { code: ErrorCode; message: string } {
  switch (error.kind) {
    case "invalid_reply":
      return { code: "AI_INVALID_REPLY", message: `Resposta inválida do modelo: ${error.message}` };
    case "bad_request":
      return { code: "AI_BAD_REQUEST", message: `O serviço de IA recusou o pedido: ${error.message}` };
    case "timeout":
      return { code: "AI_TIMEOUT", message: `O serviço de IA não respondeu a tempo: ${error.message}` };
    default:
      return { code: "AI_PROVIDER_ERROR", message: `Falha do serviço de IA: ${error.message}` };
  }
}

/**
 * One turn of one claimed photo. Local engine: the embedded analyser, written at once. Model: the
 * model-size JPEG (a missing original fails the photo at once), a key from the pool — a short wait
 * is slept in the process (leaseKeyWaitingBriefly); a longer `wait`: the photo waits for that long (never sent before a cooldown ends) while the run goes on with
 * others; `none`: the run pauses with the pool's reason and the photo stays pending — then the call.
 * Every call is logged (AiCall) and reported to the pool; retryable errors come back after an
 * exponential backoff with jitter until AI_MAX_ATTEMPTS, the others fail the photo at once; 401/403
 * and quota errors take the key out and the photo goes again on another key, not counted as its
 * attempt (the key was at fault).
 */
export async function processItem(run: RunForItem, item: ClaimedItem): Promise<ItemTurn> {
  try {
    return await processItemTurn(run, item);
  } catch (error) {
    if (error instanceof ClaimLostError) return "done";
    // Not the provider's: a database blip, a bug. The photo goes again later like a retryable error.
    log.error({ action: "AI_ITEM_ERROR", runId: run.id, itemId: item.id, err: String(error) }, "Erro ao analisar foto");
    const attempt = item.attempts + 1;
    if (attempt >= getEnv().AI_MAX_ATTEMPTS) {
      await markFailed(item, {
        code: "AI_PROVIDER_ERROR",
        message: "Erro interno ao analisar a foto.",
        attemptsMade: 1,
      });
      return "done";
    }
    await requeueItem(item, { notBefore: new Date(Date.now() + backoffDelayMs(attempt)), attemptsMade: 1 });
    return "requeued";
  }
}

async function processItemTurn(run: RunForItem, item: ClaimedItem): Promise<ItemTurn> {
  const env = getEnv();
  const photo = await loadPhotoForAnalysis(item.imageId);
  if (!photo) return "done"; // deleted: its item went with it (cascade)
  if (run.engine === "local") {
    const started = Date.now();
    const parsed = await analyzeLocally(photo, run.fields);
    await writeAnalysis({
      item,
      run,
      attemptsMade: 1,
      result: {
        reply: parsed.reply,
        warnings: parsed.warnings,
        source: "local",
        usage: {
          keyId: null,
          model: LOCAL_ANALYSER_MODEL,
          tokensIn: 0,
          tokensOut: 0,
          costUsd: 0,
          durationMs: Date.now() - started,
        },
      },
    });
    return "done";
  }

  let imageDataUrl: string;
  try {
    imageDataUrl = await imageDataUrlForModel(photo.storageKey, env.AI_IMAGE_LONG_SIDE);
  } catch (error) {
    if (!(error instanceof OriginalMissingError)) throw error;
    await markFailed(item, { code: "ORIGINAL_MISSING", message: error.message, attemptsMade: 0 });
    return "done";
  }
  const estimate = estimateVisionTokens(env.AI_DETAIL, env.AI_IMAGE_LONG_SIDE, env.OPENAI_MODEL);
  const lease = await leaseKeyWaitingBriefly({
    capability: "vision",
    estimatedTokens: estimate.tokensIn + estimate.tokensOut,
  });
  if (lease.kind === "wait") {
    await requeueItem(item, { notBefore: new Date(Date.now() + lease.retryInMs), attemptsMade: 0 });
    return "requeued";
  }
  if (lease.kind === "none") {
    const reason = `Nenhuma chave de IA utilizável: ${lease.reason}`;
    await pauseRun(run.id, reason);
    await requeueItem(item, { notBefore: null, attemptsMade: 0, error: { code: "AI_NO_KEYS", message: reason } });
    return "paused";
  }

  const context = await visionContextOf(photo, run.fields);
  const target = providerTargetFromEnv(lease.key.apiKey);
  const started = Date.now();
  try {
    const result = await callVisionModel(target, imageDataUrl, context);
    await reportKeySuccess(lease, {
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      costUsd: result.costUsd,
      rateLimit: result.rateLimit,
    });
    await recordAiCall({
      keyId: lease.key.id,
      runId: run.id,
      imageId: item.imageId,
      purpose: "vision",
      model: result.model,
      ok: true,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      durationMs: result.durationMs,
      costUsd: result.costUsd,
    });
    await writeAnalysis({
      item,
      run,
      attemptsMade: 1,
      result: {
        reply: result.reply,
        warnings: result.warnings,
        source: "model",
        usage: {
          keyId: lease.key.id,
          model: result.model,
          tokensIn: result.tokensIn,
          tokensOut: result.tokensOut,
          costUsd: result.costUsd,
          durationMs: result.durationMs,
        },
      },
    });
    return "done";
  } catch (error) {
    if (!(error instanceof AiCallError)) throw error;
    await reportKeyFailure(lease, error);
    await recordAiCall({
      keyId: lease.key.id,
      runId: run.id,
      imageId: item.imageId,
      purpose: "vision",
      model: target.model,
      ok: false,
      errorKind: error.kind,
      httpStatus: error.details.status ?? null,
      durationMs: error.details.durationMs ?? Date.now() - started,
    });
    return settleFailedCall(item, error);
  }
}

/** After a failed call: the photo goes again (another key, or after its backoff) or fails for good. */
async function settleFailedCall(item: ClaimedItem, error: AiCallError): Promise<ItemTurn> {
  const failure = failureOf(error);
  if (error.kind === "auth" || error.kind === "quota") {
    // The key is out (reportKeyFailure); the photo is not at fault and goes again on another key.
    await requeueItem(item, { notBefore: null, attemptsMade: 0, error: failure });
    return "requeued";
  }
  const attempt = item.attempts + 1;
  if (!error.isRetryable || attempt >= getEnv().AI_MAX_ATTEMPTS) {
    const message =
      error.isRetryable && attempt > 1 ? `${failure.message} (após ${attempt} tentativas)` : failure.message;
    await markFailed(item, { code: failure.code, message, attemptsMade: 1 });
    return "done";
  }
  await requeueItem(item, {
    notBefore: new Date(Date.now() + backoffDelayMs(attempt)),
    attemptsMade: 1,
    error: failure,
  });
  return "requeued";
}

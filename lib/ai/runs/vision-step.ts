import { AiCallError } from "@/lib/ai/errors";
import { visionFieldsOf } from "@/lib/ai/fields";
import { reportKeyFailure, reportKeySuccess } from "@/lib/ai/keys/key-pool";
import { analyzeLocally, LOCAL_ANALYSER_MODEL } from "@/lib/ai/local/analyze-locally";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { imageDataUrlForModel, OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { estimateVisionTokens } from "@/lib/ai/provider/pricing";
import { callVisionModel } from "@/lib/ai/provider/vision-call";
import { getEnv } from "@/lib/config/env";
import { outcomeOfFailedCall } from "./call-failure";
import type { ItemStep, StepContext, StepOutcome } from "./item-steps";
import { atProvider } from "./ingest-priority";
import { leaseKeyWaitingBriefly } from "./lease-key";
import { visionContextOf } from "./photo-context";
import { recordAiCall } from "./run-items";
import { writeAnalysis } from "./write-analysis";

/**
 * The vision step, when the run asks for any vision field. Local engine: the embedded analyser,
 * written at once. Model: the model-size JPEG (a missing original fails the photo at once), a key
 * from the pool — a short wait is slept in the process (leaseKeyWaitingBriefly); a longer `wait`: the
 * photo waits for that long (never sent before a cooldown ends) while the run goes on with others;
 * `none`: the run pauses with the pool's reason — then the call. Every call is logged (AiCall) and
 * reported to the pool; the results are written with the step's completion (writeAnalysis).
 */
export const visionStep: ItemStep = {
  name: "vision",
  appliesTo: (fields) => visionFieldsOf(fields).length > 0,
  run: runVisionStep,
};

async function runVisionStep({ run, item, photo, isLastStep }: StepContext): Promise<StepOutcome> {
  const env = getEnv();
  if (run.engine === "local") {
    const started = Date.now();
    const parsed = await analyzeLocally(photo, visionFieldsOf(run.fields));
    await writeAnalysis({
      item,
      run,
      attemptsMade: 1,
      isLastStep,
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
    return { kind: "completed" };
  }

  let imageDataUrl: string;
  try {
    imageDataUrl = await imageDataUrlForModel(photo.storageKey, env.AI_IMAGE_LONG_SIDE);
  } catch (error) {
    if (!(error instanceof OriginalMissingError)) throw error;
    return { kind: "failed", code: "ORIGINAL_MISSING", message: error.message, attemptsMade: 0 };
  }
  const estimate = estimateVisionTokens(env.AI_DETAIL, env.AI_IMAGE_LONG_SIDE, env.OPENAI_MODEL);
  const lease = await leaseKeyWaitingBriefly({
    capability: "vision",
    estimatedTokens: estimate.tokensIn + estimate.tokensOut,
  });
  if (lease.kind === "wait")
    return { kind: "retry", notBefore: new Date(Date.now() + lease.retryInMs), attemptsMade: 0 };
  if (lease.kind === "none") return { kind: "paused", reason: `Nenhuma chave de IA utilizável: ${lease.reason}` };

  const context = await visionContextOf(photo, run.fields);
  const target = providerTargetFromEnv(lease.key.apiKey);
  const started = Date.now();
  try {
    const result = await atProvider(() => callVisionModel(target, imageDataUrl, context));
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
      isLastStep,
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
    return { kind: "completed" };
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
    return outcomeOfFailedCall(item.attempts, error);
  }
}

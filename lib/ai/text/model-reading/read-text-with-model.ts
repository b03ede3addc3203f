import { AiCallError } from "@/lib/ai/errors";
import { reportKeyFailure, reportKeySuccess } from "@/lib/ai/keys/key-pool";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { imageDataUrlForModel } from "@/lib/ai/provider/image-for-model";
import { atProvider } from "@/lib/ai/runs/ingest-priority";
import { leaseKeyWaitingBriefly } from "@/lib/ai/runs/lease-key";
import { recordAiCall } from "@/lib/ai/runs/run-items";
import { getEnv } from "@/lib/config/env";
import { callTextReadingModel, estimateTextReadingTokens, type TextReadingCallResult } from "./text-reading-call";

/** A refused key (401/403/quota) is out of the pool; the reading tries the next one, this many keys at most. */
const MAX_KEYS_PER_READING = 3;

export type ModelTextOutcome =
  | { kind: "ok"; result: TextReadingCallResult; keyId: string }
  | { kind: "no_key"; reason: string }
  | { kind: "wait"; retryInMs: number }
  | { kind: "failed"; error: AiCallError };

/**
 * The vision model's reading of the text on a stored photo (setting photoTextReader "model"): the
 * photo as a model-size JPEG at AI_TEXT_DETAIL, a key of the pool (capability "vision") leased and
 * reported like a vision call, each attempt an AiCall (purpose "text"). Throws OriginalMissingError
 * when the original is gone.
 */
export async function readTextWithModel(photo: {
  imageId: string;
  storageKey: string;
  fileName: string;
  runId: string | null;
}): Promise<ModelTextOutcome> {
  const env = getEnv();
  const image = await imageDataUrlForModel(photo.storageKey, env.AI_IMAGE_LONG_SIDE);
  const estimate = estimateTextReadingTokens();
  for (let keys = 0; ; keys++) {
    const lease = await leaseKeyWaitingBriefly({
      capability: "vision",
      estimatedTokens: estimate.tokensIn + estimate.tokensOut,
    });
    if (lease.kind === "none") return { kind: "no_key", reason: lease.reason };
    if (lease.kind === "wait") return { kind: "wait", retryInMs: lease.retryInMs };
    const target = { ...providerTargetFromEnv(lease.key.apiKey), detail: env.AI_TEXT_DETAIL };
    const started = Date.now();
    const call = { keyId: lease.key.id, runId: photo.runId, imageId: photo.imageId, purpose: "text" };
    try {
      const result = await atProvider(() => callTextReadingModel(target, image, photo.fileName));
      await reportKeySuccess(lease, {
        tokensIn: result.tokensIn,
        tokensOut: result.tokensOut,
        costUsd: result.costUsd,
        rateLimit: result.rateLimit,
      });
      await recordAiCall({
        ...call,
        model: result.model,
        ok: true,
        tokensIn: result.tokensIn,
        tokensOut: result.tokensOut,
        durationMs: result.durationMs,
        costUsd: result.costUsd,
      });
      return { kind: "ok", result, keyId: lease.key.id };
    } catch (error) {
      if (!(error instanceof AiCallError)) throw error;
      await reportKeyFailure(lease, error);
      await recordAiCall({
        ...call,
        model: target.model,
        ok: false,
        errorKind: error.kind,
        httpStatus: error.details.status ?? null,
        durationMs: error.details.durationMs ?? Date.now() - started,
      });
      if ((error.kind === "auth" || error.kind === "quota") && keys + 1 < MAX_KEYS_PER_READING) continue;
      return { kind: "failed", error };
    }
  }
}

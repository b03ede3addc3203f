import { AiCallError } from "@/lib/ai/errors";
import { parseVisionReply } from "@/lib/ai/vision-schema";
import { costUsd } from "./pricing";
import { callStructured, type CompletionLike } from "./structured-call";
import type { ProviderTarget, VisionCallResult, VisionContext } from "./types";
import { visionRequestBody } from "./vision-request";

export type { ProviderTarget, RateLimitHeaders, VisionCallResult, VisionContext } from "./types";

export type { CompletionLike } from "./structured-call";

/** The reply of one completion (message content, usage) as a VisionCallResult; throws invalid_reply. */
export function visionResultFromCompletion(
  completion: CompletionLike,
  target: ProviderTarget,
  extra: { durationMs: number; rateLimit: VisionCallResult["rateLimit"]; batch?: boolean },
): VisionCallResult {
  const message = completion.choices?.[0]?.message;
  if (message?.refusal) {
    throw new AiCallError("invalid_reply", `O modelo recusou analisar a foto: ${message.refusal.slice(0, 200)}`);
  }
  if (typeof message?.content !== "string" || message.content.trim() === "") {
    throw new AiCallError("invalid_reply", "O modelo respondeu sem conteúdo; nada foi gravado para esta foto.");
  }
  const { reply, warnings } = parseVisionReply(message.content);
  const model = completion.model || target.model;
  const tokensIn = completion.usage?.prompt_tokens ?? 0;
  const tokensOut = completion.usage?.completion_tokens ?? 0;
  return {
    reply,
    warnings,
    model,
    tokensIn,
    tokensOut,
    durationMs: extra.durationMs,
    costUsd: costUsd(model, tokensIn, tokensOut, { batch: extra.batch }),
    rateLimit: extra.rateLimit,
  };
}

/**
 * One vision call: the photo (a downscaled JPEG data URL) and its context → a checked reply with
 * tokens, cost, duration and the x-ratelimit headers (structured output with the JSON-mode
 * fallback of callStructured). Throws AiCallError with the call's duration.
 */
export async function callVisionModel(
  target: ProviderTarget,
  imageDataUrl: string,
  context: VisionContext,
  signal?: AbortSignal,
): Promise<VisionCallResult> {
  return callStructured(
    target,
    (mode) => visionRequestBody(target, imageDataUrl, context, mode),
    (completion, extra) => visionResultFromCompletion(completion, target, extra),
    signal,
  );
}

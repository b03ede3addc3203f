import { AiCallError } from "@/lib/ai/errors";
import { parseVisionReply } from "@/lib/ai/vision-schema";
import { classifyError, refusesJsonSchema } from "./classify-error";
import { openAiClient } from "./client";
import { costUsd } from "./pricing";
import { parseRateLimitHeaders } from "./rate-limit-headers";
import type { ProviderTarget, VisionCallResult, VisionContext } from "./types";
import { preferredMode, rememberJsonModeOnly, visionRequestBody } from "./vision-request";

export type { ProviderTarget, RateLimitHeaders, VisionCallResult, VisionContext } from "./types";

/** The parts of a chat completion a vision result is read from (a live reply or a batch output line). */
export type CompletionLike = {
  model?: string;
  choices?: { message?: { content?: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
};

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
 * tokens, cost, duration and the x-ratelimit headers. Structured output first; a server that
 * refuses json_schema is asked again in JSON mode (and remembered), the reply checked the same way.
 * Throws AiCallError — every failure classified into a kind — with the call's duration.
 */
export async function callVisionModel(
  target: ProviderTarget,
  imageDataUrl: string,
  context: VisionContext,
  signal?: AbortSignal,
): Promise<VisionCallResult> {
  const started = performance.now();
  const client = openAiClient(target);
  const attempt = async (mode: "json_schema" | "json_object") => {
    const { data, response } = await client.chat.completions
      .parse(visionRequestBody(target, imageDataUrl, context, mode), { signal })
      .withResponse();
    return visionResultFromCompletion(data, target, {
      durationMs: Math.round(performance.now() - started),
      rateLimit: parseRateLimitHeaders(response.headers),
    });
  };
  const mode = preferredMode(target);
  try {
    try {
      return await attempt(mode);
    } catch (error) {
      if (mode !== "json_schema" || !refusesJsonSchema(error)) throw error;
      rememberJsonModeOnly(target);
      return await attempt("json_object");
    }
  } catch (error) {
    throw classifyError(error, Math.round(performance.now() - started));
  }
}

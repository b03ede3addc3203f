import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { classifyError, refusesJsonSchema } from "./classify-error";
import { openAiClient } from "./client";
import { parseRateLimitHeaders } from "./rate-limit-headers";
import type { ProviderTarget, RateLimitHeaders } from "./types";
import { preferredMode, rememberJsonModeOnly } from "./vision-request";

export type StructuredMode = "json_schema" | "json_object";

/** The parts of a chat completion a result is read from (a live reply or a batch output line). */
export type CompletionLike = {
  model?: string;
  choices?: { message?: { content?: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
};

/**
 * One chat completion with structured output, the shape every model call of Vitrine has (vision,
 * content): structured output first; a server that refuses json_schema is asked again in JSON mode
 * (and remembered per server and model), the reply read by the same `read`. Throws AiCallError —
 * every failure classified into a kind — with the call's duration.
 */
export async function callStructured<T>(
  target: ProviderTarget,
  body: (mode: StructuredMode) => ChatCompletionCreateParamsNonStreaming,
  read: (completion: CompletionLike, extra: { durationMs: number; rateLimit: RateLimitHeaders | null }) => T,
  signal?: AbortSignal,
): Promise<T> {
  const started = performance.now();
  const client = openAiClient(target);
  const attempt = async (mode: StructuredMode) => {
    const { data, response } = await client.chat.completions.parse(body(mode), { signal }).withResponse();
    return read(data, {
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

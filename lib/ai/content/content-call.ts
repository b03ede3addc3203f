import { zodResponseFormat } from "openai/helpers/zod";
import { makeParseableResponseFormat } from "openai/lib/parser";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { costUsd } from "@/lib/ai/provider/pricing";
import { callStructured, type CompletionLike, type StructuredMode } from "@/lib/ai/provider/structured-call";
import type { ProviderTarget, RateLimitHeaders } from "@/lib/ai/provider/types";
import { ContentReplyError } from "./content-reply-error";
import { contentSystemPrompt, contentUserText, type ContentContext } from "./content-prompt";
import { parseContentReply } from "./parse-content-reply";
import { contentReplySchema, type ContentFields } from "./schemas";

/** The json_schema name the content requests carry (the fake server recognises them by it). */
export const CONTENT_FORMAT_NAME = "content_reply";

/** Structured output from contentReplySchema; the reply is checked by parseContentReply (lenient bounds). */
export const contentResponseFormat = makeParseableResponseFormat(
  zodResponseFormat(contentReplySchema, CONTENT_FORMAT_NAME),
  (content: string) => content,
);

export type ContentCallResult = {
  fields: ContentFields;
  warnings: string[];
  model: string;
  tokensIn: number;
  tokensOut: number;
  durationMs: number;
  costUsd: number;
  rateLimit: RateLimitHeaders | null;
};

/** The chat request: system rules, then the data block and the photos (data URLs, in sequence order). */
export function contentRequestBody(
  target: ProviderTarget,
  imageDataUrls: string[],
  context: ContentContext,
  mode: StructuredMode,
): ChatCompletionCreateParamsNonStreaming {
  return {
    model: target.model,
    messages: [
      { role: "system", content: contentSystemPrompt(context) },
      {
        role: "user",
        content: [
          { type: "text", text: contentUserText(context) },
          ...imageDataUrls.map((url) => ({ type: "image_url" as const, image_url: { url, detail: target.detail } })),
        ],
      },
    ],
    response_format: mode === "json_schema" ? contentResponseFormat : { type: "json_object" },
  };
}

export function contentResultFromCompletion(
  completion: CompletionLike,
  target: ProviderTarget,
  extra: { durationMs: number; rateLimit: RateLimitHeaders | null },
): ContentCallResult {
  const message = completion.choices?.[0]?.message;
  if (message?.refusal)
    throw new ContentReplyError("refused", `O modelo recusou escrever o conteúdo: ${message.refusal.slice(0, 200)}`);
  if (typeof message?.content !== "string" || message.content.trim() === "")
    throw new ContentReplyError("empty", "O modelo respondeu sem conteúdo.");
  const { fields, warnings } = parseContentReply(message.content);
  const model = completion.model || target.model;
  const tokensIn = completion.usage?.prompt_tokens ?? 0;
  const tokensOut = completion.usage?.completion_tokens ?? 0;
  return {
    fields,
    warnings,
    model,
    tokensIn,
    tokensOut,
    durationMs: extra.durationMs,
    costUsd: costUsd(model, tokensIn, tokensOut),
    rateLimit: extra.rateLimit,
  };
}

/**
 * One content call: the photos (1 for a photo, up to 4 angles for a product) and the context → checked
 * texts with tokens, cost and duration. Throws AiCallError with the call's duration; a refusal or an
 * empty description is a ContentReplyError (read apart from the provider's classification, which
 * knows only kinds, so the API and the run can say which it was).
 */
export async function callContentModel(
  target: ProviderTarget,
  imageDataUrls: string[],
  context: ContentContext,
  signal?: AbortSignal,
): Promise<ContentCallResult> {
  const outcome = await callStructured(
    target,
    (mode) => contentRequestBody(target, imageDataUrls, context, mode),
    (completion, extra): ContentCallResult | { rejected: ContentReplyError; durationMs: number } => {
      try {
        return contentResultFromCompletion(completion, target, extra);
      } catch (error) {
        if (error instanceof ContentReplyError) return { rejected: error, durationMs: extra.durationMs };
        throw error;
      }
    },
    signal,
  );
  if ("rejected" in outcome)
    throw new ContentReplyError(outcome.rejected.reason, outcome.rejected.message, outcome.durationMs);
  return outcome;
}

import { zodResponseFormat } from "openai/helpers/zod";
import { makeParseableResponseFormat } from "openai/lib/parser";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { visionReplySchema } from "@/lib/ai/vision-schema";
import { visionSystemPrompt, visionUserText } from "./prompt";
import type { ProviderTarget, VisionContext } from "./types";

/**
 * The structured-output format: the JSON schema zod derives from visionReplySchema, with the
 * client's own parse step replaced by a pass-through — the reply is checked by parseVisionReply,
 * which is more lenient than the schema (9 pieces are cut to 4 with a warning, not rejected).
 */
export const visionResponseFormat = makeParseableResponseFormat(
  zodResponseFormat(visionReplySchema, "vision_reply"),
  (content: string) => content,
);

/** The chat completion request for one photo, in structured-output or JSON mode. */
export function visionRequestBody(
  target: ProviderTarget,
  imageDataUrl: string,
  context: VisionContext,
  mode: "json_schema" | "json_object",
): ChatCompletionCreateParamsNonStreaming {
  return {
    model: target.model,
    messages: [
      { role: "system", content: visionSystemPrompt(context) },
      {
        role: "user",
        content: [
          { type: "text", text: visionUserText(context) },
          { type: "image_url", image_url: { url: imageDataUrl, detail: target.detail } },
        ],
      },
    ],
    response_format: mode === "json_schema" ? visionResponseFormat : { type: "json_object" },
  };
}

/** Servers known (in this process) to refuse json_schema, by base URL + model: they get JSON mode at once. */
const jsonModeOnly = new Set<string>();

const targetKey = (target: ProviderTarget) => `${target.baseUrl ?? "https://api.openai.com/v1"}|${target.model}`;

export function preferredMode(target: ProviderTarget): "json_schema" | "json_object" {
  return jsonModeOnly.has(targetKey(target)) ? "json_object" : "json_schema";
}

export function rememberJsonModeOnly(target: ProviderTarget): void {
  jsonModeOnly.add(targetKey(target));
}

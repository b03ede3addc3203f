import { APIError } from "openai/core/error";
import { AiCallError } from "@/lib/ai/errors";
import { openAiClient } from "@/lib/ai/provider/client";
import { classifyError, redactSecrets } from "@/lib/ai/provider/classify-error";
import { detectImageType } from "@/lib/images/detect-image-type";

/** One Images API request (`images.generate`, `b64_json`) for one image. */
export type ImageRequest = {
  apiKey: string;
  baseUrl?: string;
  model: string;
  prompt: string;
  size: string;
  quality: string | null;
  timeoutMs: number;
};

export type GeneratedImage = { bytes: Buffer; revisedPrompt: string | null; durationMs: number };

/**
 * Why an image was not generated. `kind` comes from lib/ai's classification (auth, rate_limit,
 * quota, server, timeout, network, bad_request) or is one of the generation's own reply faults;
 * `code` is the stable error code stored on the item.
 */
export class GenerationFailure extends Error {
  constructor(
    readonly code:
      | "GENERATION_CONTENT_POLICY"
      | "GENERATION_NO_IMAGE_DATA"
      | "GENERATION_INVALID_BASE64"
      | "GENERATION_NOT_AN_IMAGE"
      | "GENERATION_TIMEOUT"
      | "GENERATION_PROVIDER_ERROR",
    message: string,
    readonly cause: AiCallError | null = null,
  ) {
    super(message);
    this.name = "GenerationFailure";
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: Buffer.from would silently skip what is not base64 and decode the rest. */
export function decodeStrictBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, "base64");
}

function isContentPolicy(error: unknown): string | null {
  if (!(error instanceof APIError) || error.status !== 400) return null;
  const code = typeof error.code === "string" ? error.code : "";
  const body = error.error as { message?: unknown } | undefined;
  const message = typeof body?.message === "string" ? body.message : error.message;
  if (/content_policy|moderation|safety/i.test(code) || /content policy|safety system/i.test(message))
    return redactSecrets(message).slice(0, 500);
  return null;
}

/**
 * Generates one image through the real `openai` client (no retries of its own: rotation and
 * attempts belong to the job). Throws AiCallError for what the key pool acts on (401/403, 429,
 * 5xx, timeout, network) and GenerationFailure for a refusal or a bad reply.
 */
export async function generateImage(request: ImageRequest): Promise<GeneratedImage> {
  const client = openAiClient({
    apiKey: request.apiKey,
    baseUrl: request.baseUrl,
    model: request.model,
    detail: "low",
    timeoutMs: request.timeoutMs,
  });
  const started = performance.now();
  let reply;
  try {
    reply = await client.images.generate({
      model: request.model,
      prompt: request.prompt,
      n: 1,
      size: request.size as "1024x1024",
      ...(request.quality ? { quality: request.quality as "high" } : {}),
      // gpt-image-* always answer base64 (and refuse the parameter); DALL·E needs it asked.
      ...(request.model.startsWith("dall-e") ? { response_format: "b64_json" as const } : {}),
    });
  } catch (error) {
    const reason = isContentPolicy(error);
    if (reason) throw new GenerationFailure("GENERATION_CONTENT_POLICY", reason);
    throw classifyError(error, Math.round(performance.now() - started));
  }
  const durationMs = Math.round(performance.now() - started);
  const first = reply?.data?.[0];
  if (!first || typeof first.b64_json !== "string" || first.b64_json.length === 0)
    throw new GenerationFailure("GENERATION_NO_IMAGE_DATA", "A resposta do provedor não trouxe a imagem (b64_json).");
  const bytes = decodeStrictBase64(first.b64_json);
  if (!bytes) throw new GenerationFailure("GENERATION_INVALID_BASE64", "A imagem da resposta não é base64 válido.");
  const type = detectImageType(bytes.subarray(0, 32));
  if (!type || !["png", "jpeg", "webp"].includes(type.format))
    throw new GenerationFailure(
      "GENERATION_NOT_AN_IMAGE",
      "O conteúdo devolvido pelo provedor não é uma imagem PNG, JPEG ou WebP.",
    );
  return { bytes, revisedPrompt: first.revised_prompt ?? null, durationMs };
}

import { imageTokens } from "@/lib/ai/provider/pricing";
import { getEnv } from "@/lib/config/env";

/** Prompt text (system rules, data block, examples) beyond the images. */
const PROMPT_TOKENS = 1_400;
/** A full reply (title, a long description, hashtags, key points). */
const REPLY_TOKENS = 400;

/**
 * Tokens of one content call with `images` photos (1 for a photo, up to 4 for a product), for the
 * key pool's token pacing and for a run's estimate (the "conteúdo" step costs one such call a photo).
 */
export function estimateContentTokens(images: number): { tokensIn: number; tokensOut: number } {
  const env = getEnv();
  return {
    tokensIn: PROMPT_TOKENS + images * imageTokens(env.AI_DETAIL, env.AI_IMAGE_LONG_SIDE, env.OPENAI_MODEL),
    tokensOut: REPLY_TOKENS,
  };
}

import "server-only";
import { getEnv } from "@/lib/config/env";
import type { ParseOptions } from "./prompt-file";

/** The prompt limits as configured (GENERATION_* variables), with a request's default quantity and first number. */
export function promptOptionsFromEnv(overrides: { defaultQuantity?: number; firstNumber?: number } = {}): ParseOptions {
  const env = getEnv();
  return {
    maxPromptChars: env.GENERATION_PROMPT_MAX_CHARS,
    maxQuantity: env.GENERATION_MAX_QUANTITY,
    maxTotal: env.GENERATION_MAX_IMAGES,
    maxPrompts: env.GENERATION_MAX_PROMPTS,
    defaultQuantity: overrides.defaultQuantity ?? 1,
    firstNumber: overrides.firstNumber ?? 1,
  };
}

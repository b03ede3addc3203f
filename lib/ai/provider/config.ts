import { getEnv } from "@/lib/config/env";
import type { ProviderTarget } from "./types";

export type { ProviderTarget } from "./types";

/** The vision call for one API key as configured (OPENAI_BASE_URL, OPENAI_MODEL, AI_DETAIL, AI_REQUEST_TIMEOUT_SECONDS). */
export function providerTargetFromEnv(apiKey: string): ProviderTarget {
  const env = getEnv();
  return {
    apiKey,
    baseUrl: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    detail: env.AI_DETAIL,
    timeoutMs: env.AI_REQUEST_TIMEOUT_SECONDS * 1000,
  };
}

/** Long side, in px, of the JPEG the model is sent (AI_IMAGE_LONG_SIDE). */
export function modelImageLongSide(): number {
  return getEnv().AI_IMAGE_LONG_SIDE;
}

import OpenAI from "openai";
import type { ProviderTarget } from "./types";

/**
 * The `openai` client for one target. It never retries by itself (`maxRetries: 0`): pacing, key
 * rotation and backoff belong to the key pool and the run engine, which see every failure.
 */
export function openAiClient(target: ProviderTarget): OpenAI {
  return new OpenAI({
    apiKey: target.apiKey,
    baseURL: target.baseUrl,
    maxRetries: 0,
    timeout: target.timeoutMs,
  });
}

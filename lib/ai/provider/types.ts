import type { VisionField } from "@/lib/ai/fields";
import type { VisionReply } from "@/lib/ai/vision-schema";

/** Where and how to call the vision model (one API key of the pool). */
export type ProviderTarget = {
  apiKey: string;
  /** OpenAI-compatible server (…/v1); undefined = api.openai.com. */
  baseUrl?: string;
  model: string;
  detail: "low" | "high" | "auto";
  timeoutMs: number;
};

/** The x-ratelimit-* headers of a reply, reset durations in ms. */
export type RateLimitHeaders = {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
};

/** What the prompt is told about the photo; every value is data, never instructions. */
export type VisionContext = {
  fileName: string;
  relativePath: string | null;
  sku: string | null;
  carteira: {
    nomePeca: string | null;
    categoria: string | null;
    subcategoria: string | null;
    tipoPeca: string | null;
    cor: string | null;
    origem: string | null;
  } | null;
  /** The collection's own words (lib/ai/matching/vocabulary.ts). */
  vocabulary: { tipoPeca: string[]; categoria: string[]; cor: string[] };
  fields: VisionField[];
  language: "pt-BR" | "en";
};

export type VisionCallResult = {
  reply: VisionReply;
  warnings: string[];
  model: string;
  tokensIn: number;
  tokensOut: number;
  durationMs: number;
  costUsd: number;
  rateLimit: RateLimitHeaders | null;
};

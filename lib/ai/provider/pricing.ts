import { getEnv } from "@/lib/config/env";
import { visionSystemPrompt, visionUserText } from "./prompt";

/** USD per 1M tokens (standard tier); AI_PRICES overrides or adds models. */
export const DEFAULT_PRICES: Record<string, { input: number; output: number }> = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4.1": { input: 2, output: 8 },
};

function prices(): Record<string, { input: number; output: number }> {
  return { ...DEFAULT_PRICES, ...getEnv().AI_PRICES };
}

/** The price of `model`, by its longest matching name prefix ("gpt-4o-mini-2024-07-18" → gpt-4o-mini); null if unknown. */
export function priceFor(model: string): { input: number; output: number } | null {
  const table = prices();
  const name = model.toLowerCase();
  const match = Object.keys(table)
    .filter((key) => name.startsWith(key.toLowerCase()))
    .sort((a, b) => b.length - a.length)[0];
  return match ? table[match]! : null;
}

/** Cost of one call in USD; the Batch API costs half. An unpriced model (a local server) costs 0. */
export function costUsd(model: string, tokensIn: number, tokensOut: number, opts: { batch?: boolean } = {}): number {
  const price = priceFor(model);
  if (!price) return 0;
  const cost = (tokensIn * price.input + tokensOut * price.output) / 1_000_000;
  return opts.batch ? cost / 2 : cost;
}

/**
 * Image tokens per model where OpenAI counts differently from the 85 + 170 per tile rule:
 * gpt-4o-mini bills images at 2833 + 5667 per tile (the same dollars as gpt-4o).
 */
const IMAGE_TOKEN_RULES: Record<string, { base: number; tile: number }> = {
  "gpt-4o-mini": { base: 2833, tile: 5667 },
};

function imageRule(model: string | undefined): { base: number; tile: number } {
  const name = model?.toLowerCase() ?? "";
  const key = Object.keys(IMAGE_TOKEN_RULES).find((prefix) => name.startsWith(prefix));
  return key ? IMAGE_TOKEN_RULES[key]! : { base: 85, tile: 170 };
}

/**
 * OpenAI's image token rule for the tile-based models (gpt-4o family): low detail = 85 tokens;
 * high = fit inside 2048×2048, then scale the shortest side to 768, then 85 + 170 per 512 px tile.
 * The photo's other side is not known here: a 4:3 photo is assumed (catalog photos mostly are).
 * `auto` is counted as high (the dearer case, for an estimate).
 */
export function imageTokens(detail: "low" | "high" | "auto", longSide: number, model?: string): number {
  const { base, tile } = imageRule(model);
  if (detail === "low") return base;
  let long = longSide;
  let short = (longSide * 3) / 4;
  const fit = Math.min(1, 2048 / long);
  long *= fit;
  short *= fit;
  if (short > 768) {
    long = (long * 768) / short;
    short = 768;
  }
  return base + tile * Math.ceil(long / 512) * Math.ceil(short / 512);
}

/** Room for the carteira fields and vocabulary beyond an empty context. */
const CONTEXT_TOKENS = 250;
/** A full reply with a few pieces is ~300-500 tokens. */
const REPLY_TOKENS = 450;

let promptTokens: number | undefined;

/** Tokens of one vision call, for estimates and the key pool's token pacing (pass the model when known). */
export function estimateVisionTokens(
  detail: "low" | "high" | "auto",
  longSide: number,
  model?: string,
): { tokensIn: number; tokensOut: number } {
  promptTokens ??= Math.ceil(
    (visionSystemPrompt({
      fields: ["descricao", "tags", "cor", "tipo", "material", "estilo", "pecas"],
      language: "pt-BR",
    }).length +
      visionUserText({
        fileName: "",
        relativePath: null,
        sku: null,
        carteira: null,
        vocabulary: { tipoPeca: [], categoria: [], cor: [] },
        fields: [],
        language: "pt-BR",
      }).length) /
      4,
  );
  return { tokensIn: promptTokens + CONTEXT_TOKENS + imageTokens(detail, longSide, model), tokensOut: REPLY_TOKENS };
}

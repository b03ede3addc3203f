import { describe, expect, it } from "vitest";
import { costUsd, estimateVisionTokens, imageTokens, priceFor } from "@/lib/ai/provider/pricing";

describe("costUsd", () => {
  it("prices per 1M tokens in and out, half for the Batch API", () => {
    expect(costUsd("gpt-4o-mini", 1_000_000, 0)).toBeCloseTo(0.15, 10);
    expect(costUsd("gpt-4o-mini", 1000, 500)).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(costUsd("gpt-4o", 1000, 500, { batch: true })).toBeCloseTo((1000 * 2.5 + 500 * 10) / 2e6, 12);
  });

  it("matches the longest name prefix: a dated gpt-4o-mini is not priced as gpt-4o", () => {
    expect(priceFor("gpt-4o-mini-2024-07-18")).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor("gpt-4o-2024-08-06")).toEqual({ input: 2.5, output: 10 });
    expect(priceFor("gpt-4.1-mini")).toEqual({ input: 0.4, output: 1.6 });
    expect(priceFor("gpt-4.1")).toEqual({ input: 2, output: 8 });
  });

  it("costs nothing for a model without a price (a local server)", () => {
    expect(costUsd("llava:13b", 10_000, 1000)).toBe(0);
  });
});

describe("image tokens", () => {
  it("low detail is a flat 85 tokens whatever the size", () => {
    expect(imageTokens("low", 1024)).toBe(85);
    expect(imageTokens("low", 4000)).toBe(85);
  });

  it("high detail: fit 2048, shortest side 768, 85 + 170 per 512 px tile (4:3 photo)", () => {
    expect(imageTokens("high", 1024)).toBe(85 + 170 * 4); // 1024×768: 2×2 tiles
    expect(imageTokens("high", 512)).toBe(85 + 170 * 1); // 512×384
    expect(imageTokens("high", 4000)).toBe(85 + 170 * 4); // 2048×1536 → 1024×768
    expect(imageTokens("auto", 1024)).toBe(imageTokens("high", 1024));
  });

  it("gpt-4o-mini bills images at its own (higher) token count", () => {
    expect(imageTokens("low", 1024, "gpt-4o-mini")).toBe(2833);
    expect(imageTokens("high", 1024, "gpt-4o-mini-2024-07-18")).toBe(2833 + 5667 * 4);
  });

  it("estimates a call: prompt + image in, a full reply out", () => {
    const low = estimateVisionTokens("low", 1024);
    const high = estimateVisionTokens("high", 1024);
    expect(high.tokensIn - low.tokensIn).toBe(170 * 4);
    expect(low.tokensIn).toBeGreaterThan(85 + 300); // the system prompt is several hundred tokens
    expect(low.tokensIn).toBeLessThan(2000);
    expect(low.tokensOut).toBeGreaterThan(100);
    expect(estimateVisionTokens("low", 1024, "gpt-4o-mini").tokensIn - low.tokensIn).toBe(2833 - 85);
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config/env";

describe("AI provider environment", () => {
  it("defaults to a 1024 px long side, low detail and a 60 s timeout", () => {
    const env = parseEnv({});
    expect(env.AI_IMAGE_LONG_SIDE).toBe(1024);
    expect(env.AI_DETAIL).toBe("low");
    expect(env.AI_REQUEST_TIMEOUT_SECONDS).toBe(60);
    expect(env.AI_PRICES).toBeUndefined();
  });

  it("reads AI_PRICES as JSON per model", () => {
    expect(
      parseEnv({ AI_PRICES: '{"llava":{"input":0,"output":0},"gpt-4o":{"input":3,"output":12}}' }).AI_PRICES,
    ).toEqual({
      llava: { input: 0, output: 0 },
      "gpt-4o": { input: 3, output: 12 },
    });
  });

  it.each([
    ["AI_PRICES", "not json"],
    ["AI_PRICES", '{"gpt-4o":{"input":-1,"output":2}}'],
    ["AI_PRICES", '{"gpt-4o":{"input":1}}'],
    ["AI_DETAIL", "ultra"],
    ["AI_IMAGE_LONG_SIDE", "24000"],
    ["AI_REQUEST_TIMEOUT_SECONDS", "0"],
  ])("names %s when it is malformed (%s)", (variable, value) => {
    expect(() => parseEnv({ [variable]: value })).toThrow(ConfigError);
    try {
      parseEnv({ [variable]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
    }
  });
});

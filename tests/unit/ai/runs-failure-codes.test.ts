import { describe, expect, it } from "vitest";
import { AiCallError, AI_ERROR_KINDS } from "@/lib/ai/errors";
import { failureOf } from "@/lib/ai/runs/call-failure";
import { ERROR_CODES } from "@/lib/errors/error-codes";

describe("failureOf: the item code and pt-BR message of a provider error", () => {
  it.each([
    ["invalid_reply", "AI_INVALID_REPLY"],
    ["bad_request", "AI_BAD_REQUEST"],
    ["timeout", "AI_TIMEOUT"],
    ["server", "AI_PROVIDER_ERROR"],
    ["network", "AI_PROVIDER_ERROR"],
    ["rate_limit", "AI_PROVIDER_ERROR"],
    ["auth", "AI_PROVIDER_ERROR"],
    ["quota", "AI_PROVIDER_ERROR"],
  ] as const)("%s → %s", (kind, code) => {
    const failure = failureOf(new AiCallError(kind, "detalhe"));
    expect(failure.code).toBe(code);
    expect(failure.message).toContain("detalhe");
  });

  it("covers every error kind with a known code", () => {
    for (const kind of AI_ERROR_KINDS)
      expect(Object.hasOwn(ERROR_CODES, failureOf(new AiCallError(kind, "x")).code)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { loginDelaySeconds, loginWaitMessage, retryAfterSeconds } from "@/lib/auth/login-backoff";
import { maskEmail } from "@/lib/auth/mask-email";

describe("loginDelaySeconds", () => {
  it.each([
    [0, 0],
    [5, 0],
    [6, 1],
    [7, 2],
    [8, 4],
    [15, 512],
    [16, 900],
    [1_000_000, 900],
  ])("after failure %i of a series (5 free, cap 900 s) waits %i s", (failures, wait) => {
    expect(loginDelaySeconds(failures, 5, 900)).toBe(wait);
  });

  it("gives an IP's larger allowance the same doubling", () => {
    expect([20, 21, 22, 23].map((n) => loginDelaySeconds(n, 20, 900))).toEqual([0, 1, 2, 4]);
  });
});

describe("retryAfterSeconds and the API message", () => {
  it("rounds up to whole seconds, at least 1", () => {
    expect([0, 1, 999, 1000, 1001, 899_500].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2, 900]);
  });

  it("says seconds below a minute, minutes above", () => {
    expect(loginWaitMessage(1)).toBe("Muitas tentativas. Tente novamente em 1 s.");
    expect(loginWaitMessage(59)).toBe("Muitas tentativas. Tente novamente em 59 s.");
    expect(loginWaitMessage(61)).toBe("Muitas tentativas. Tente novamente em 2 min.");
    expect(loginWaitMessage(900)).toBe("Muitas tentativas. Tente novamente em 15 min.");
  });
});

describe("maskEmail", () => {
  it.each([
    ["ana.souza@loja.com.br", "a***@loja.com.br"],
    ["x@y.io", "x***@y.io"],
    ["sem-arroba", "***"],
    ["@dominio.com", "***"],
    ["a@b@c.com", "a***@c.com"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

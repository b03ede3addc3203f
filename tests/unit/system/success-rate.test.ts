import { describe, expect, it } from "vitest";
import { successRate } from "@/lib/system/get-system-stats";

describe("overall success rate", () => {
  it.each([
    [0, 0, null],
    [10, 0, 100],
    [0, 4, 0],
    [189, 11, 94.5],
    [2, 1, 66.7],
  ])("%i ready, %i failed → %s", (ok, failed, rate) => {
    expect(successRate(ok, failed)).toBe(rate);
  });
});

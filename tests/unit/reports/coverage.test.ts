import { describe, expect, it } from "vitest";
import { coveragePercent, summarizeCoverage } from "@/lib/reports/coverage";

describe("coverage percent", () => {
  it("floors so a missing SKU never shows 100 %", () => {
    expect(coveragePercent(0, 0)).toBe(0);
    expect(coveragePercent(999, 1000)).toBe(99);
    expect(coveragePercent(1, 3)).toBe(33);
    expect(coveragePercent(5, 5)).toBe(100);
  });

  it("summarizes rows", () => {
    const row = (total: number, withPhoto: number) => ({
      collectionId: "c",
      collectionName: "c",
      brandId: "b",
      brandName: "b",
      totalSkus: total,
      skusWithPhoto: withPhoto,
      skusWithoutPhoto: total - withPhoto,
      percent: 0,
    });
    expect(summarizeCoverage([row(3, 1), row(1, 0)])).toEqual({
      totalSkus: 4,
      skusWithPhoto: 1,
      skusWithoutPhoto: 3,
      percent: 25,
    });
  });
});

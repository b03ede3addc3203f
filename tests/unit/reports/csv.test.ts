import { describe, expect, it } from "vitest";
import { coveragePercent, summarizeCoverage } from "@/lib/reports/coverage";
import { CSV_BOM, csvCell, csvLine } from "@/lib/reports/csv";

describe("csvCell", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    ["VD24-0001", "VD24-0001"],
    [42, "42"],
    [-3, "-3"],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+551199", "'+551199"],
    ["-1+1", "'-1+1"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["a;b", '"a;b"'],
    ['diz "oi"', '"diz ""oi"""'],
    ["linha\nnova", '"linha\nnova"'],
    ["=a;b", `"'=a;b"`],
    ["Coleção Verão", "Coleção Verão"],
  ])("%j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("joins a line with ; and CRLF; the BOM is U+FEFF", () => {
    expect(csvLine(["a", null, "b;c"])).toBe('a;;"b;c"\r\n');
    expect(CSV_BOM.charCodeAt(0)).toBe(0xfeff);
  });
});

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

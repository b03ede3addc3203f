import { describe, expect, it } from "vitest";
import { normalizeSkuKey } from "@/lib/sku";

const cases: [input: string, key: string][] = [
  ["VD24-0123", "VD240123"],
  ["vd24_0123", "VD240123"],
  ["VD 24.0123", "VD240123"],
  ["vd24--0123", "VD240123"],
  ["CAM.24.0456", "CAM240456"],
  ["AB2401234", "AB2401234"],
  ["  ab-12  ", "AB12"],
  ["Çâm-01", "CAM01"],
  ["VE\u0301STIDO", "VESTIDO"],
  ["VÉSTIDO", "VESTIDO"],
  ["ＶＤ２４－０１", "VD2401"],
  ["VD24\u2013 0123", "VD240123"], // en dash
  ["VD24\u00A00123", "VD240123"], // no-break space
  ["VD24\u200B0123", "VD240123"], // zero-width space
  ["VD24\t0123", "VD240123"],
  ["AB(2)", "AB(2)"],
  ["straße", "STRASSE"],
  ["", ""],
  ["-_. ", ""],
];

describe("normalizeSkuKey", () => {
  it.each(cases)("%j → %j", (input, key) => {
    expect(normalizeSkuKey(input)).toBe(key);
  });

  it("is idempotent", () => {
    for (const [input] of cases) {
      const k = normalizeSkuKey(input);
      expect(normalizeSkuKey(k)).toBe(k);
    }
  });

  it("returns '' for non-strings", () => {
    expect(normalizeSkuKey(undefined as unknown as string)).toBe("");
  });
});

// Pure logic of the text candidates: GTIN check digits and keys, SKU tokens from OCR text, scoring.
import { describe, expect, it } from "vitest";
import { expandUpcE, gtinKey, hasValidGtinCheckDigit, readGtin } from "@/lib/ai/text/candidates/gtin";
import {
  isAboveThreshold,
  scoreTextCandidates,
  TEXT_SCORES,
  type ScopeProduct,
} from "@/lib/ai/text/candidates/score-text-candidates";
import { DEFAULT_CONFIDENCE, extractSkuTokens, foldOcrConfusions } from "@/lib/ai/text/candidates/sku-tokens";
import { normalizeSkuKey } from "@/lib/sku";

describe("GTIN check digit", () => {
  it.each([
    ["4006381333931", true], // EAN-13
    ["4006381333932", false],
    ["036000291452", true], // UPC-A
    ["036000291453", false],
    ["96385074", true], // EAN-8
    ["96385075", false],
    ["00012345678905", true], // GTIN-14
    ["12345", false],
    ["40063813339a1", false],
  ])("%s → %s", (digits, valid) => {
    expect(hasValidGtinCheckDigit(digits)).toBe(valid);
  });
});

describe("gtinKey (the SQL vitrine_gtin_key rule)", () => {
  it.each([
    ["4006381333931", "4006381333931"],
    ["036000291452", "0036000291452"], // UPC-A gets the EAN-13 leading zero
    ["0036000291452", "0036000291452"],
    ["00036000291452", "0036000291452"], // GTIN-14 with a leading zero
    ["789-1234 567895", "7891234567895"],
    ["96385074", "96385074"],
    ["sem código", null],
  ])("%s → %s", (value, key) => {
    expect(gtinKey(value)).toBe(key);
  });
});

describe("UPC-E", () => {
  it("expands to its UPC-A (with or without the number system and check digit)", () => {
    expect(expandUpcE("04252614")).toBe("042100005264");
    expect(expandUpcE("425261")).toBe("042100005264");
    expect(expandUpcE("01234565")).toBe("012345000065");
    expect(expandUpcE("21234565")).toBeNull();
  });
});

describe("readGtin", () => {
  it("keys a valid EAN-13 / UPC-A / UPC-E; a bad check digit is damaged; Code 128 text is other", () => {
    expect(readGtin({ format: "EAN-13", text: "4006381333931" })).toEqual({ kind: "gtin", key: "4006381333931" });
    expect(readGtin({ format: "UPC-A", text: "036000291452" })).toEqual({ kind: "gtin", key: "0036000291452" });
    expect(readGtin({ format: "UPC-E", text: "04252614" })).toEqual({ kind: "gtin", key: "0042100005264" });
    expect(readGtin({ format: "EAN-13", text: "4006381333932" })).toEqual({ kind: "damaged" });
    expect(readGtin({ format: "EAN-13", text: "40063813" + "3393" })).toEqual({ kind: "damaged" });
    expect(readGtin({ format: "Code128", text: "VD25-0150" })).toEqual({ kind: "other" });
    // A Code 128 carrying a GTIN is a GTIN; one carrying digits that fail the check is just text.
    expect(readGtin({ format: "Code128", text: "4006381333931" })).toEqual({ kind: "gtin", key: "4006381333931" });
    expect(readGtin({ format: "Code128", text: "4006381333932" })).toEqual({ kind: "other" });
  });
});

const words = (...pairs: [string, number][]) => pairs.map(([text, confidence]) => ({ text, confidence }));

describe("extractSkuTokens", () => {
  it("finds the SKU of a tag, keyed like the filename matcher, with its word confidence", () => {
    const tokens = extractSkuTokens({
      text: "VITRINE MODAS\nREF VD25-0150\nTAM M  COR AZUL\nR$ 199,90",
      words: words(["VITRINE", 0.95], ["MODAS", 0.9], ["REF", 0.92], ["VD25-0150", 0.87], ["199,90", 0.6]),
    });
    const sku = tokens.find((t) => t.key === normalizeSkuKey("VD25-0150"));
    expect(sku).toMatchObject({ key: "VD250150", text: "VD25-0150", confidence: 0.87 });
    // The label joined to it also gives the bare key, not a second SKU; words without digits are not SKUs.
    expect(tokens.some((t) => t.key === "REFVD250150")).toBe(true);
    expect(tokens.some((t) => t.key === "MODAS")).toBe(false);
    expect(tokens.some((t) => t.key === "TAM")).toBe(false);
  });

  it("joins a SKU split at its separators, drops a glued label, ignores case, accents and punctuation", () => {
    const split = extractSkuTokens({ text: "vd25 0150", words: [] });
    expect(split.find((t) => t.key === "VD250150")).toMatchObject({
      text: "vd25 0150",
      confidence: DEFAULT_CONFIDENCE,
    });
    const glued = extractSkuTokens({ text: "Réf.VD25_0150;", words: [] });
    expect(glued.map((t) => t.key)).toContain("VD250150");
    const colon = extractSkuTokens({ text: "SKU:VD25-0150", words: [] });
    expect(colon.map((t) => t.key)).toContain("VD250150");
  });

  it("gives no tokens for no text, and none for short or digit-less words", () => {
    expect(extractSkuTokens({ text: "", words: [] })).toEqual([]);
    expect(extractSkuTokens({ text: "M\nAZUL\nA1", words: [] })).toEqual([]);
  });

  it("folds O/Q→0 and I/L→1 for misread comparison", () => {
    expect(foldOcrConfusions("VD25O15O")).toBe("VD250150");
    expect(foldOcrConfusions("CL1I0")).toBe("C1110");
    expect(foldOcrConfusions(normalizeSkuKey("VD25-0150"))).toBe("VD250150");
  });
});

const product = (id: string, sku: string, ean: string | null = null): ScopeProduct => ({
  id,
  sku,
  skuKey: normalizeSkuKey(sku),
  eanKey: ean ? gtinKey(ean) : null,
});

describe("scoreTextCandidates", () => {
  const products = [
    product("p1", "VD25-0150", "7891234567895"),
    product("p2", "VD25-0151"),
    product("p3", "BL25-0042", "036000291452"),
  ];
  const score = (
    text: string,
    ws: { text: string; confidence: number }[],
    barcodes = [] as Parameters<typeof scoreTextCandidates>[0]["barcodes"],
  ) =>
    scoreTextCandidates({
      tokens: extractSkuTokens({ text, words: ws }),
      barcodes,
      products,
      limit: 5,
      fold: foldOcrConfusions,
    });

  it("scores an exact printed SKU 0.9 + 0.1 × confidence, above the default threshold", () => {
    const [top, ...rest] = score("REF VD25-0150", words(["REF", 0.9], ["VD25-0150", 0.8]));
    expect(top).toEqual({
      productId: "p1",
      sku: "VD25-0150",
      score: 0.98,
      reasons: ["ocr_text"],
      evidence: ["VD25-0150"],
    });
    expect(rest).toEqual([]);
    expect(isAboveThreshold(top!.score, 0.82)).toBe(true);
  });

  it("keeps a read that only matches once O/0 are folded under the threshold", () => {
    const [top] = score("VD25-O15O", words(["VD25-O15O", 1]));
    expect(top).toMatchObject({ productId: "p1", reasons: ["ocr_text"] });
    expect(top!.score).toBeCloseTo(TEXT_SCORES.ocrMisread.base + TEXT_SCORES.ocrMisread.span, 5);
    expect(isAboveThreshold(top!.score, 0.82)).toBe(false);
  });

  it("matches a barcode by EAN at 1 (UPC-A against an EAN-13 with its leading zero) and a Code 128 SKU at 0.95", () => {
    const result = score(
      "",
      [],
      [
        { format: "UPC-A", text: "036000291452", gtinKey: "0036000291452", skuKey: null },
        { format: "Code128", text: "VD25-0151", gtinKey: null, skuKey: "VD250151" },
      ],
    );
    expect(result).toEqual([
      { productId: "p3", sku: "BL25-0042", score: 1, reasons: ["barcode"], evidence: ["UPC-A 036000291452"] },
      { productId: "p2", sku: "VD25-0151", score: 0.95, reasons: ["barcode"], evidence: ["Code128 VD25-0151"] },
    ]);
  });

  it("merges the evidence of text and barcode for one SKU, best score kept; caps at the limit", () => {
    const [top] = score("VD25-0150", words(["VD25-0150", 0.5]), [
      { format: "EAN-13", text: "7891234567895", gtinKey: "7891234567895", skuKey: null },
    ]);
    expect(top).toEqual({
      productId: "p1",
      sku: "VD25-0150",
      score: 1,
      reasons: ["ocr_text", "barcode"],
      evidence: ["VD25-0150", "EAN-13 7891234567895"],
    });
    const many = scoreTextCandidates({
      tokens: extractSkuTokens({ text: "VD25-0150 VD25-0151 BL25-0042", words: [] }),
      barcodes: [],
      products,
      limit: 2,
      fold: foldOcrConfusions,
    });
    expect(many.map((c) => c.sku)).toEqual(["BL25-0042", "VD25-0150"]);
  });

  it("gives nothing for a text naming no SKU of the scope", () => {
    expect(score("PROMOÇÃO 50% OFF\nVD99-9999", [])).toEqual([]);
  });
});

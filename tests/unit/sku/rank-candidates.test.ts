import { describe, expect, it } from "vitest";
import { createCandidatePrefilter, jaroWinkler, rankCandidates, type CandidateSku } from "@/lib/sku";

describe("jaroWinkler", () => {
  const cases: [a: string, b: string, expected: number][] = [
    ["", "", 1],
    ["ABC", "", 0],
    ["", "ABC", 0],
    ["ABC", "ABC", 1],
    ["ABC", "XYZ", 0],
    // textbook values
    ["MARTHA", "MARHTA", 0.9611],
    ["DWAYNE", "DUANE", 0.84],
    ["DIXON", "DICKSONX", 0.8133],
    ["CRATE", "TRACE", 0.7333],
  ];
  it.each(cases)("%j vs %j ≈ %d", (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it("is symmetric and within 0..1", () => {
    const words = ["VD240123", "VD240132", "VD2401", "AB2401234", "CAM240456", "X"];
    for (const a of words) {
      for (const b of words) {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBeCloseTo(jaroWinkler(b, a), 10);
      }
    }
  });

  it("ranks a transposition above a different family", () => {
    expect(jaroWinkler("VD240123", "VD240132")).toBeGreaterThan(jaroWinkler("VD240123", "AB240123"));
  });
});

describe("createCandidatePrefilter", () => {
  const passes = createCandidatePrefilter(["VD240123"]);
  it.each([
    ["VD999999", true], // shared 2-char prefix
    ["XD240123", true], // typo in the first char: shared trigrams
    ["AB771234", false],
    ["", false],
  ] as const)("%j → %s", (key, expected) => {
    expect(passes(key)).toBe(expected);
  });
  it("honours prefixLength", () => {
    expect(createCandidatePrefilter(["VD240123"], { prefixLength: 4, minSharedTrigrams: 99 })("VD25")).toBe(false);
    expect(createCandidatePrefilter(["VD240123"], { prefixLength: 4, minSharedTrigrams: 99 })("VD24XX")).toBe(true);
  });
});

describe("rankCandidates", () => {
  const skus: CandidateSku[] = [
    { sku: "VD24-0123", collectionId: "c1" },
    { sku: "VD24-0132", collectionId: "c1" },
    { sku: "VD24-01", collectionId: "c2" },
    { sku: "vd24_0123x", collectionId: "c1" },
    { sku: "ZZ99-9999", collectionId: "c1" },
    { sku: "QQ11-1111", collectionId: "c1", hasLinkedSiblings: true },
  ];

  it("orders exact prefix, then similar, with reasons", () => {
    const r = rankCandidates({ filename: "VD24-0123_FRENTE.jpg", skuBase: "VD24-0123" }, skus, { collectionId: "c1" });
    expect(r.map((c) => c.sku)).toEqual(["VD24-0123", "VD24-0132", "vd24_0123x", "VD24-01", "QQ11-1111"]);
    expect(r[0]).toEqual({ sku: "VD24-0123", score: 0.8, reasons: ["exact_prefix", "same_collection"] });
    expect(r[1]).toMatchObject({
      reasons: ["likely_typo", "same_collection"],
      typoEdits: [{ kind: "swapped", from: "23", to: "32" }],
    });
    expect(r[2]).toMatchObject({
      reasons: ["likely_typo", "same_collection"],
      typoEdits: [{ kind: "dropped", to: "X", doubled: false }],
    });
    expect(r[3]?.reasons).toEqual(["likely_typo"]); // other collection: no boost
    expect(r.find((c) => c.sku === "QQ11-1111")).toEqual({
      sku: "QQ11-1111",
      score: 0.3,
      reasons: ["same_collection", "sibling_linked"],
    });
    expect(r.find((c) => c.sku === "ZZ99-9999")).toBeUndefined();
  });

  it("uses normalized_prefix for case/separator variants", () => {
    const r = rankCandidates({ filename: "vd24_0123_01.jpg", skuBase: null }, skus, {});
    expect(r[0]).toEqual({ sku: "VD24-0123", score: 0.665, reasons: ["normalized_prefix"] });
  });

  it("sibling + collection can lift a similar SKU over a bare exact prefix", () => {
    const r = rankCandidates(
      { filename: "VD24-0123_01.jpg", skuBase: "VD24-0123" },
      [{ sku: "VD24-0123" }, { sku: "VD24-0132", collectionId: "c1", hasLinkedSiblings: true }],
      { collectionId: "c1" },
    );
    expect(r.map((c) => c.sku)).toEqual(["VD24-0132", "VD24-0123"]);
    expect(r[0]?.reasons).toEqual(["likely_typo", "same_collection", "sibling_linked"]);
    expect(r[1]?.score).toBe(0.7);
  });

  it("scores are within 0..1", () => {
    const r = rankCandidates(
      { filename: "VD24-0123.jpg", skuBase: "VD24-0123" },
      [{ sku: "VD24-0123", collectionId: "c", hasLinkedSiblings: true }],
      { collectionId: "c" },
    );
    expect(r[0]?.score).toBe(1);
  });

  it("uses the folder for sequence-only names", () => {
    const r = rankCandidates({ filename: "01.jpg", folder: "fotos/VD24-0123", skuBase: null }, skus, {});
    expect(r[0]?.sku).toBe("VD24-0123");
    expect(r[0]?.reasons).toEqual(["exact_prefix"]);
  });

  it("uses skuBase when the filename says nothing", () => {
    const r = rankCandidates({ filename: "IMG_0001.jpg", skuBase: "VD24-0132" }, skus, {});
    expect(r[0]).toMatchObject({ sku: "VD24-0132", reasons: ["exact_prefix"] });
  });

  it("respects limit", () => {
    const q = { filename: "VD24-0123_FRENTE.jpg", skuBase: "VD24-0123" };
    expect(rankCandidates(q, skus, { limit: 2 })).toHaveLength(2);
    expect(rankCandidates(q, skus, { limit: 0 })).toEqual([]);
    expect(rankCandidates(q, skus, { limit: -3 })).toEqual([]);
    expect(rankCandidates(q, skus).length).toBeLessThanOrEqual(10);
  });

  it("breaks ties by sku ascending and is order-independent", () => {
    const tied: CandidateSku[] = ["B-1", "A-1", "C-1"].map((sku) => ({ sku, hasLinkedSiblings: true }));
    const q = { filename: "nothing.jpg", skuBase: null };
    expect(rankCandidates(q, tied).map((c) => c.sku)).toEqual(["A-1", "B-1", "C-1"]);
    const shuffled = [...skus].reverse();
    const input = { filename: "VD24-0123_FRENTE.jpg", skuBase: "VD24-0123" };
    expect(rankCandidates(input, shuffled, { collectionId: "c1" })).toEqual(
      rankCandidates(input, skus, { collectionId: "c1" }),
    );
  });

  it("keeps the best entry of a duplicated SKU", () => {
    const r = rankCandidates(
      { filename: "VD24-0123.jpg", skuBase: null },
      [
        { sku: "VD24-0123", collectionId: "c2" },
        { sku: "VD24-0123", collectionId: "c1" },
      ],
      { collectionId: "c1" },
    );
    expect(r).toEqual([{ sku: "VD24-0123", score: 0.8, reasons: ["exact_prefix", "same_collection"] }]);
  });

  it("never throws on junk", () => {
    expect(() =>
      rankCandidates({ filename: "\u0000", skuBase: null }, [{ sku: "" }, { sku: null as unknown as string }], {}),
    ).not.toThrow();
  });
});

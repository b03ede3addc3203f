import { describe, expect, it } from "vitest";
import { explainTypo, rankCandidates, type CandidateSku, type TypoEdit } from "@/lib/sku";

describe("explainTypo", () => {
  const cases: [query: string, sku: string, cost: number, edits: TypoEdit[]][] = [
    ["AUR2610O5", "AUR261005", 0.3, [{ kind: "lookalike", from: "O", to: "0" }]],
    ["AUR26100S", "AUR261005", 0.3, [{ kind: "lookalike", from: "S", to: "5" }]],
    [
      "VD24O1I3",
      "VD240113",
      0.6,
      [
        { kind: "lookalike", from: "O", to: "0" },
        { kind: "lookalike", from: "I", to: "1" },
      ],
    ],
    ["CAML240456", "CAM1240456", 0.3, [{ kind: "lookalike", from: "L", to: "1" }]],
    ["BL8A2201", "BLBA2201", 0.3, [{ kind: "lookalike", from: "8", to: "B" }]],
    ["AUR260105", "AUR261005", 0.4, [{ kind: "swapped", from: "01", to: "10" }]],
    ["AUR26105", "AUR261005", 0.4, [{ kind: "dropped", to: "0", doubled: true }]],
    ["AUR2610055", "AUR261005", 0.4, [{ kind: "extra", from: "5", doubled: true }]],
    ["AUR26105", "AUR261025", 0.6, [{ kind: "dropped", to: "2", doubled: false }]],
    ["AUR261007", "AUR261005", 0.8, [{ kind: "replaced", from: "7", to: "5" }]],
    ["AUR261005", "AUR261005", 0, []],
  ];
  it.each(cases)("%s → %s costs %d", (query, sku, cost, edits) => {
    expect(explainTypo(query, sku, 2)).toEqual({ cost, edits });
  });

  it("gives up beyond the budget", () => {
    expect(explainTypo("AUR261005", "ZZ999999", 1.2)).toBeNull();
    expect(explainTypo("AUR2610", "AUR26100555", 1.2)).toBeNull(); // four characters apart
    expect(explainTypo("", "AUR261005", 5)).toBeNull();
  });
});

describe("rankCandidates: the mistakes people and OCR make rank far above plain similarity", () => {
  const collection = "c1";
  const catalog: CandidateSku[] = [
    "AUR26-1001",
    "AUR26-1005",
    "AUR26-1010",
    "AUR26-1015",
    "AUR26-1050",
    "AUR26-1500",
    "AUR26-2005",
    "VD24-0113",
    "VD24-0123",
    "VD24-0132",
    "CAM1-240456",
    "BLBA-2201",
    "BLBA-2207",
  ].map((sku) => ({ sku, collectionId: collection }));

  const rank = (filename: string, skus = catalog) =>
    rankCandidates({ filename, skuBase: null }, skus, { collectionId: collection });

  // [photo file name, the SKU a person would pick, what the screen should say happened]
  const cases: [filename: string, expected: string, edits: TypoEdit[]][] = [
    ["AUR26-10O5_03.jpg", "AUR26-1005", [{ kind: "lookalike", from: "O", to: "0" }]],
    ["aur26-10o5_FRENTE.jpg", "AUR26-1005", [{ kind: "lookalike", from: "O", to: "0" }]],
    [
      "AUR26-1O1O_01.jpg",
      "AUR26-1010",
      [
        { kind: "lookalike", from: "O", to: "0" },
        { kind: "lookalike", from: "O", to: "0" },
      ],
    ],
    ["AUR26-100S_02.jpg", "AUR26-1005", [{ kind: "lookalike", from: "S", to: "5" }]],
    ["VD24-0I13_01.jpg", "VD24-0113", [{ kind: "lookalike", from: "I", to: "1" }]],
    [
      "VD24-Ol23 (2).jpg",
      "VD24-0123",
      [
        { kind: "lookalike", from: "O", to: "0" },
        { kind: "lookalike", from: "L", to: "1" },
      ],
    ],
    ["CAMl-240456_DETALHE.jpg", "CAM1-240456", [{ kind: "lookalike", from: "L", to: "1" }]],
    ["BL8A-2201_01.jpg", "BLBA-2201", [{ kind: "lookalike", from: "8", to: "B" }]],
    ["AUR26-0105_01.jpg", "AUR26-1005", [{ kind: "swapped", from: "01", to: "10" }]],
    ["AUR26-105_01.jpg", "AUR26-1005", [{ kind: "dropped", to: "0", doubled: true }]],
    ["AUR26-10055_01.jpg", "AUR26-1005", [{ kind: "extra", from: "5", doubled: true }]],
    ["AUR26-10O5-AZUL_01.jpg", "AUR26-1005", [{ kind: "lookalike", from: "O", to: "0" }]],
  ];

  it.each(cases)("%s → %s", (filename, expected, edits) => {
    const [first, second] = rank(filename);
    expect(first).toMatchObject({ sku: expected, typoEdits: edits });
    expect(first!.reasons).toContain("likely_typo");
    // A clear best: at least 5 points above the runner-up.
    expect(first!.score - (second?.score ?? 0)).toBeGreaterThanOrEqual(0.05);
  });

  it("no longer ties AUR26-10O5 between AUR26-1005 and AUR26-1015", () => {
    const [first, second] = rank("AUR26-10O5.jpg");
    expect(first?.sku).toBe("AUR26-1005");
    expect(second?.sku).toBe("AUR26-1015");
    expect(second?.reasons).toEqual(["name_similarity", "same_collection"]);
    expect(second?.typoEdits).toBeUndefined(); // O→1 is no look-alike: not called a typo
    expect(first!.score - second!.score).toBeGreaterThanOrEqual(0.1);
  });

  it("spreads the scores: look-alike > swap = doubled > dropped > plain replacement > plain similarity", () => {
    const skus: CandidateSku[] = [{ sku: "AB12-3456" }];
    const score = (name: string) => rankCandidates({ filename: name, skuBase: null }, skus)[0]?.score ?? 0;
    const [lookalike, swapped, doubled, dropped, replaced, similar] = [
      "AB12-345G",
      "AB12-3465",
      "AB12-34566",
      "AB12-356",
      "AB12-3457",
      "AB12-9456X",
    ].map((n) => score(`${n}.jpg`));
    expect(lookalike).toBeGreaterThan(swapped!);
    expect(swapped).toBe(doubled);
    expect(doubled).toBeGreaterThan(dropped!);
    expect(dropped).toBeGreaterThan(replaced!);
    expect(replaced).toBeGreaterThan(similar!);
    expect(similar).toBeGreaterThan(0);
    expect(lookalike! - similar!).toBeGreaterThan(0.25);
  });

  it("breaks a tie by collection, then by linked siblings, then by the prefix shared with sku_base", () => {
    const byCollection = rankCandidates(
      { filename: "AUR26-1007.jpg", skuBase: null },
      [
        { sku: "AUR26-1001", collectionId: "other" },
        { sku: "AUR26-1005", collectionId: collection },
      ],
      { collectionId: collection },
    );
    expect(byCollection.map((c) => c.sku)).toEqual(["AUR26-1005", "AUR26-1001"]);
    const bySkuBase = rankCandidates({ filename: "IMG_0001.jpg", skuBase: "AUR26-1005" }, [
      { sku: "AAA-0001", hasLinkedSiblings: true },
      { sku: "AUR26-9999", hasLinkedSiblings: true },
    ]);
    expect(bySkuBase.map((c) => c.sku)).toEqual(["AUR26-9999", "AAA-0001"]);
  });

  it("does not call a different family a typo", () => {
    expect(rank("ZZ99-9999_01.jpg")).toEqual([]);
    expect(rank("AUR26-3333_01.jpg").every((c) => !c.reasons.includes("likely_typo"))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { buildSkuIndex, matchFilename, type MatchResult } from "@/lib/sku";

const SKUS = [
  "VD24-01",
  "VD24-0123",
  "VD24-0456",
  "AB-12",
  "AB12", // collides with AB-12 on the normalised key
  "Cd-77",
  "CD-77", // collides with Cd-77 by case only
  "AB2401234",
  "CAM.24.0456",
  "CAM.24",
  "BLUSA LINHO 01",
  "Çâm-99",
  "X1",
  "PC14-83",
  "PC14-8301", // reads like PC14-83 + sequence 01 when written PC14-83_01
];
const index = buildSkuIndex(SKUS);

const matched = (sku: string, sequence: string | null, exact: boolean): MatchResult => ({
  status: "matched",
  sku,
  skuBase: sku,
  sequence,
  exact,
});
const ambiguous = (candidates: string[], skuBase: string | null, sequence: string | null): MatchResult => ({
  status: "ambiguous",
  candidates,
  skuBase,
  sequence,
});
const unmatched = (skuBase: string | null, sequence: string | null): MatchResult => ({
  status: "unmatched",
  skuBase,
  sequence,
});

type Row = [label: string, filename: string, folder: string | undefined, expected: MatchResult];

const cases: Row[] = [
  // exact
  ["exact, view suffix", "VD24-0123_FRENTE.jpg", undefined, matched("VD24-0123", "FRENTE", true)],
  ["exact, no suffix", "VD24-0123.jpg", undefined, matched("VD24-0123", null, true)],
  ["exact, numeric suffix", "VD24-0123_01.JPG", undefined, matched("VD24-0123", "01", true)],
  ["exact, letter suffix", "VD24-0123-A.jpeg", undefined, matched("VD24-0123", "A", true)],
  ["exact, OS copy", "VD24-0123 (2).jpg", undefined, matched("VD24-0123", "(2)", true)],
  ["exact, OS copy no space", "VD24-0123(2).jpg", undefined, matched("VD24-0123", "(2)", true)],
  ["exact, combo", "VD24-0123_01_FRENTE.tiff", undefined, matched("VD24-0123", "01_FRENTE", true)],
  ["exact, dot boundary", "VD24-0123.FRENTE.jpg", undefined, matched("VD24-0123", "FRENTE", true)],
  ["exact, space boundary", "VD24-0123 detalhe.jpg", undefined, matched("VD24-0123", "detalhe", true)],
  ["exact, free text rest", "VD24-0123 blusa azul.webp", undefined, matched("VD24-0123", "blusa azul", true)],
  ["dotted SKU", "CAM.24.0456_2.heic", undefined, matched("CAM.24.0456", "2", true)],
  ["SKU with spaces", "BLUSA LINHO 01_FRENTE.jpg", undefined, matched("BLUSA LINHO 01", "FRENTE", true)],
  ["digits-only-ish SKU", "AB2401234-B.jpg", undefined, matched("AB2401234", "B", true)],
  // normalised
  ["lowercase", "vd24-0123_frente.jpg", undefined, matched("VD24-0123", "frente", false)],
  ["other separator", "VD24_0123_01.jpg", undefined, matched("VD24-0123", "01", false)],
  ["no separator", "VD240123_01.jpg", undefined, matched("VD24-0123", "01", false)],
  ["dots instead of dashes", "vd24.0123.jpg", undefined, matched("VD24-0123", null, false)],
  ["dotted SKU without dots", "cam240456-a.jpg", undefined, matched("CAM.24.0456", "a", false)],
  ["accents", "CAM-99_01.jpg", undefined, matched("Çâm-99", "01", false)],
  ["full-width", "ＶＤ２４-0123_01.jpg", undefined, matched("VD24-0123", "01", false)],
  ["control chars", "VD24\u0000-0123\u200B_01.jpg", undefined, matched("VD24-0123", "01", true)],
  ["trimmed", "  VD24-0123_01.jpg ", undefined, matched("VD24-0123", "01", true)],
  // longest prefix
  ["longest of nested SKUs", "VD24-0123_FRENTE.jpg", undefined, matched("VD24-0123", "FRENTE", true)],
  ["shorter nested SKU", "VD24-01_FRENTE.jpg", undefined, matched("VD24-01", "FRENTE", true)],
  ["shorter via boundary", "VD24-01-99_A.jpg", undefined, matched("VD24-01", "99_A", true)],
  ["longest dotted", "CAM.24.0456.jpg", undefined, matched("CAM.24.0456", null, true)],
  ["shorter dotted", "CAM.24.0999.jpg", undefined, matched("CAM.24", "0999", true)],
  // boundary rule
  ["no boundary after SKU", "VD24-01234_A.jpg", undefined, unmatched("VD24-01234", "A")],
  ["no boundary: letters glued", "VD24-0123X_01.jpg", undefined, unmatched("VD24-0123X", "01")],
  ["no boundary inside a token", "X12.jpg", undefined, unmatched("X12", null)],
  ["SKU must be a prefix", "NEW-VD24-0123.jpg", undefined, unmatched("NEW-VD24-0123", null)],
  // ambiguity
  ["normalised collision", "ab12_01.jpg", undefined, ambiguous(["AB-12", "AB12"], "ab12", "01")],
  ["collision via other separator", "AB_12_01.jpg", undefined, ambiguous(["AB-12", "AB12"], "AB_12", "01")],
  ["collision resolved by exact AB12", "AB12_01.jpg", undefined, matched("AB12", "01", true)],
  ["collision resolved by exact AB-12", "AB-12_01.jpg", undefined, matched("AB-12", "01", true)],
  ["case collision", "cd-77.jpg", undefined, ambiguous(["CD-77", "Cd-77"], "cd-77", null)],
  ["case collision exact", "Cd-77_A.jpg", undefined, matched("Cd-77", "A", true)],
  [
    "separators differ and a shorter SKU fits",
    "PC14-83_01.jpg",
    undefined,
    ambiguous(["PC14-8301", "PC14-83"].sort(), "PC14-83_01", null),
  ],
  [
    "separators differ, case too",
    "pc14.83.01.jpg",
    undefined,
    ambiguous(["PC14-8301", "PC14-83"].sort(), "pc14.83.01", null),
  ],
  ["exact longer wins", "PC14-8301_A.jpg", undefined, matched("PC14-8301", "A", true)],
  ["case-only difference keeps the longest", "pc14-8301_A.jpg", undefined, matched("PC14-8301", "A", false)],
  ["exact shorter", "PC14-83_FRENTE.jpg", undefined, matched("PC14-83", "FRENTE", true)],
  // folder fallback
  ["folder: numeric", "01.jpg", "VD24-0123", matched("VD24-0123", "01", true)],
  ["folder: view word", "FRENTE.jpg", "lote/VD24-0123", matched("VD24-0123", "FRENTE", true)],
  ["folder: OS copy", "1 (2).jpg", "VD24-0123", matched("VD24-0123", "1 (2)", true)],
  ["folder: normalised", "02.jpg", "vd24_0123", matched("VD24-0123", "02", false)],
  ["folder: with trailing text", "03.jpg", "VD24-0123 - Blusa", matched("VD24-0123", "03", true)],
  ["folder: path in filename", "VD24-0456/01.jpg", undefined, matched("VD24-0456", "01", true)],
  ["folder: Windows path", "01.jpg", "D:\\fotos\\VD24-0456", matched("VD24-0456", "01", true)],
  ["folder: ambiguous", "01.jpg", "ab12", ambiguous(["AB-12", "AB12"], "ab12", "01")],
  ["folder: unknown", "01.jpg", "ZZ99", unmatched("ZZ99", "01")],
  ["folder: none", "01.jpg", undefined, unmatched(null, "01")],
  ["folder ignored for real names", "VD24-0456_01.jpg", "VD24-0123", matched("VD24-0456", "01", true)],
  ["folder not used for unknown real names", "IMG_4567.jpg", "VD24-0123", unmatched("IMG_4567", null)],
  // unmatched keeps the parsed skuBase
  ["unknown SKU", "ZZ99-0001_FRENTE.jpg", undefined, unmatched("ZZ99-0001", "FRENTE")],
  ["unknown, camera name", "DSC_0001.JPG", undefined, unmatched("DSC_0001", null)],
  ["hidden AppleDouble", "._VD24-0123_01.jpg", undefined, unmatched(null, null)],
  ["hidden DS_Store", ".DS_Store", undefined, unmatched(null, null)],
  ["__MACOSX folder", "VD24-0123_01.jpg", "__MACOSX/x", unmatched(null, null)],
  ["empty", "", undefined, unmatched(null, null)],
];

describe("matchFilename", () => {
  it.each(cases)("%s: %j", (_label, filename, folder, expected) => {
    expect(matchFilename(index, { filename, folder })).toEqual(expected);
  });

  it("never throws on hostile input", () => {
    for (const f of [null, 7, "\uD800", "_".repeat(2000), "(".repeat(2000), "é".repeat(2000)]) {
      expect(() => matchFilename(index, { filename: f as string, folder: f as string })).not.toThrow();
    }
  });

  it("walks the same way for ASCII and non-ASCII names", () => {
    // The ASCII fast path and the generic path must agree; the accent only changes the rest.
    expect(matchFilename(index, { filename: "VD24-0123_FRENTÉ.jpg" })).toEqual(matched("VD24-0123", "FRENTÉ", true));
    expect(matchFilename(index, { filename: "VD24-01234_Á.jpg" })).toEqual(unmatched("VD24-01234_Á", null)); // Á is no [A-Z] token
    expect(matchFilename(index, { filename: "ab12_01_é.jpg" })).toEqual(ambiguous(["AB-12", "AB12"], "ab12", "01_é"));
  });
});

describe("buildSkuIndex", () => {
  it("dedupes, skips blanks and keeps SKUs as given", () => {
    const idx = buildSkuIndex(["VD24-0123", "VD24-0123", " VD24-0123 ", "", "  ", "-_-", "VD24-0124 "]);
    expect(idx.size).toBe(2);
    expect(matchFilename(idx, { filename: "VD24-0124_01.jpg" })).toEqual(matched("VD24-0124 ", "01", true));
  });

  it("indexes any iterable", () => {
    const idx = buildSkuIndex(new Set(["A1", "B2"]).values());
    expect(idx.size).toBe(2);
    expect(matchFilename(idx, { filename: "b2_01.jpg" }).status).toBe("matched");
  });

  it("is scoped: an empty index matches nothing", () => {
    expect(matchFilename(buildSkuIndex([]), { filename: "VD24-0123_01.jpg" })).toEqual(unmatched("VD24-0123", "01"));
  });
});

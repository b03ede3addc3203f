import { describe, expect, it } from "vitest";
import { groupBySku } from "@/lib/catalog/group-by-sku";
import { compareSequences, sortByAngle } from "@/lib/catalog/sort-angles";

const order = (sequences: (string | null)[]) =>
  sortByAngle(sequences.map((sequence) => ({ sequence }))).map((p) => p.sequence);

describe("compareSequences", () => {
  it.each([
    ["numbers by value, not by text", ["10", "02", "1"], ["1", "02", "10"]],
    ["numbers before view words", ["FRENTE", "02", "01"], ["01", "02", "FRENTE"]],
    ["view words in page order", ["DETALHE", "COSTAS", "FRENTE", "LADO"], ["FRENTE", "COSTAS", "LADO", "DETALHE"]],
    [
      "synonyms share a place, then by text",
      ["BACK", "FRONT", "COSTAS", "FRENTE"],
      ["FRENTE", "FRONT", "BACK", "COSTAS"],
    ],
    [
      "a view word's number after the bare word",
      ["DETALHE2", "DETALHE10", "DETALHE"],
      ["DETALHE", "DETALHE2", "DETALHE10"],
    ],
    ["case does not change the order", ["costas", "Frente"], ["Frente", "costas"]],
    ["letters after view words, alphabetical", ["B", "ZOOM", "A"], ["ZOOM", "A", "B"]],
    ["unknown tokens and copy markers last", ["(2)", "A", "01", "ESTUDIO"], ["01", "A", "(2)", "ESTUDIO"]],
    ["no sequence first", ["01", null, "FRENTE"], [null, "01", "FRENTE"]],
    [
      "chained sequences token by token, the shorter first",
      ["01_COSTAS", "02", "01_FRENTE", "01"],
      ["01", "01_FRENTE", "01_COSTAS", "02"],
    ],
    ["separators do not matter", ["01-COSTAS", "01 FRENTE"], ["01 FRENTE", "01-COSTAS"]],
  ] as const)("%s", (_, input, expected) => {
    expect(order([...input])).toEqual(expected);
  });

  it("is a consistent comparator: antisymmetric, and zero only for the same text", () => {
    const samples = ["01", "1", "001", "FRENTE", "frente", "COSTAS", "DETALHE2", "A", "(2)", "01_FRENTE", null];
    for (const a of samples)
      for (const b of samples) {
        const ab = Math.sign(compareSequences(a, b));
        expect(ab, `${a} vs ${b}`).toBe(-Math.sign(compareSequences(b, a)) || 0);
        if (a !== b) expect(ab, `${a} vs ${b}`).not.toBe(0);
      }
  });

  it("keeps photos with the same sequence in their order (stable) and does not touch its input", () => {
    const photos = [
      { id: "b", sequence: "FRENTE" },
      { id: "a", sequence: "01" },
      { id: "c", sequence: "FRENTE" },
    ];
    expect(sortByAngle(photos).map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect(photos.map((p) => p.id)).toEqual(["b", "a", "c"]);
  });
});

describe("groupBySku", () => {
  const photo = (id: string, over: Partial<Parameters<typeof groupBySku>[0][number]>) => ({
    id,
    productId: null,
    sku: null,
    skuBase: null,
    sequence: null,
    ...over,
  });

  it("groups by product, else by the SKU read from the name; angles in order; groups in first-photo order", () => {
    const groups = groupBySku([
      photo("1", { productId: "p1", sku: "AUR-1", skuBase: "AUR-1", sequence: "COSTAS" }),
      photo("2", { skuBase: "ZZ-9", sequence: "02" }),
      photo("3", { productId: "p1", sku: "AUR-1", skuBase: "aur-1", sequence: "FRENTE" }),
      photo("4", {}),
      photo("5", { skuBase: "ZZ-9", sequence: "01" }),
      photo("6", { productId: "p1", sku: "AUR-1", sequence: "01" }),
    ]);
    expect(groups.map((g) => [g.key, g.kind, g.sku, g.photos.map((p) => p.id)])).toEqual([
      ["product:p1", "product", "AUR-1", ["6", "3", "1"]],
      ["base:ZZ-9", "skuBase", "ZZ-9", ["5", "2"]],
      ["none", "none", null, ["4"]],
    ]);
  });

  it("keeps a linked product apart from unlinked photos whose name reads the same SKU", () => {
    const groups = groupBySku([
      photo("1", { productId: "p1", sku: "AUR-1" }),
      photo("2", { skuBase: "AUR-1", sequence: "01" }),
    ]);
    expect(groups.map((g) => [g.key, g.photos.length])).toEqual([
      ["product:p1", 1],
      ["base:AUR-1", 1],
    ]);
  });

  it("appending photos never reorders the groups already there", () => {
    const first = [photo("1", { skuBase: "B-1" }), photo("2", { skuBase: "A-1" })];
    const more = [...first, photo("3", { skuBase: "C-1" }), photo("4", { skuBase: "B-1", sequence: "02" })];
    expect(groupBySku(first).map((g) => g.key)).toEqual(["base:B-1", "base:A-1"]);
    expect(groupBySku(more).map((g) => g.key)).toEqual(["base:B-1", "base:A-1", "base:C-1"]);
  });
});

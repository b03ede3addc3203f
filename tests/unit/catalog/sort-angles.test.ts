import { describe, expect, it } from "vitest";
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

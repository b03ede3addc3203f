import { describe, expect, it } from "vitest";
import { diffVersions, diffWords } from "@/lib/ai/content/version-diff";
import { csvLine } from "@/lib/export/csv";

// export-content-csv.ts is server-only; its pure row mapping is exercised here through the writer it uses.
describe("content CSV cells (OWASP CSV injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+55 11 9999", "'+55 11 9999"],
    ["-10% off", "'-10% off"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTab", "'\tTab"],
    ["\rCR", `"'\rCR"`],
    ["Vestido; azul", `"Vestido; azul"`],
    ['diz "oi"', `"diz ""oi"""`],
    ["#vestido #moda", "#vestido #moda"],
  ])("%j → %j", (value, cell) => {
    expect(csvLine([value])).toBe(`${cell}\r\n`);
  });
});

describe("version diff", () => {
  it("diffs words, keeping the spaces", () => {
    expect(diffWords("vestido azul de linho", "vestido verde de linho")).toEqual([
      { kind: "same", text: "vestido " },
      { kind: "removed", text: "azul" },
      { kind: "added", text: "verde" },
      { kind: "same", text: " de linho" },
    ]);
    expect(diffWords("", "novo")).toEqual([{ kind: "added", text: "novo" }]);
    expect(diffWords("igual", "igual")).toEqual([{ kind: "same", text: "igual" }]);
  });

  it("joining the same+removed parts gives the old text, same+added the new one", () => {
    const before = "Um vestido leve para o verão, com alças finas.";
    const after = "Vestido leve de linho para o verão, alças finas e bolsos.";
    const parts = diffWords(before, after);
    expect(
      parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(after);
  });

  it("lists: added, removed and kept; an unchanged field is not changed", () => {
    const a = { titulo: "T", descricao: "D", hashtags: ["#a", "#b"], pontosChave: ["p1"] };
    const b = { titulo: "T", descricao: "D2", hashtags: ["#b", "#c"], pontosChave: ["p1"] };
    const [titulo, descricao, hashtags, pontos] = diffVersions(a, b);
    expect(titulo!.isChanged).toBe(false);
    expect(descricao!.isChanged).toBe(true);
    expect(hashtags).toMatchObject({ isChanged: true, added: ["#c"], removed: ["#a"], kept: ["#b"] });
    expect(pontos).toMatchObject({ isChanged: false, added: [], removed: [] });
  });

  it("very long texts are shown replaced whole instead of building a huge table", () => {
    const before = "a ".repeat(600);
    const after = "b ".repeat(600);
    expect(diffWords(before, after)).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });
});

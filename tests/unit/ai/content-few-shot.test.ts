import { describe, expect, it } from "vitest";
import { exampleTokens, selectFewShotExamples, type FewShotExample } from "@/lib/ai/content/few-shot";

const edit = (n: number, size = 20): FewShotExample => ({
  kind: "edicao",
  antes: { titulo: `antes ${n}`, descricao: "a".repeat(size) },
  depois: { titulo: `depois ${n}`, descricao: "d".repeat(size) },
});

describe("selectFewShotExamples", () => {
  it("takes the most recent first, at most maxExamples", () => {
    const chosen = selectFewShotExamples([edit(1), edit(2), edit(3), edit(4)], 10_000, 3);
    expect(chosen.map((e) => (e.kind === "edicao" ? e.depois.titulo : ""))).toEqual([
      "depois 1",
      "depois 2",
      "depois 3",
    ]);
  });

  it("stays within the token budget, skipping one that does not fit for a smaller older one", () => {
    const big = edit(2, 380);
    const small = edit(1);
    const budget = exampleTokens(small) * 2 + 5;
    const chosen = selectFewShotExamples([small, big, edit(3)], budget);
    expect(chosen).toHaveLength(2);
    expect(chosen.reduce((sum, e) => sum + exampleTokens(e), 0)).toBeLessThanOrEqual(budget);
    expect(chosen).not.toContainEqual(expect.objectContaining({ depois: big.kind === "edicao" ? big.depois : null }));
  });

  it("clips long texts (…) and leaves out edits that changed nothing", () => {
    const long: FewShotExample = {
      kind: "ajuste",
      pedido: "p".repeat(5_000),
      resultado: { titulo: "t", descricao: "x" },
    };
    const same: FewShotExample = {
      kind: "edicao",
      antes: { titulo: "a", descricao: "b" },
      depois: { titulo: "a", descricao: "b" },
    };
    const [clipped, ...rest] = selectFewShotExamples([long, same]);
    expect(rest).toEqual([]);
    expect(clipped?.kind === "ajuste" && clipped.pedido.length).toBe(401);
  });

  it("an empty history gives no examples", () => {
    expect(selectFewShotExamples([])).toEqual([]);
  });
});

describe("estimateContentTokens", () => {
  it("counts the prompt once and each image sent (a product's four angles cost four images)", async () => {
    const { estimateContentTokens } = await import("@/lib/ai/content/estimate-content");
    const one = estimateContentTokens(1);
    const four = estimateContentTokens(4);
    const perImage = four.tokensIn - one.tokensIn;
    expect(perImage % 3).toBe(0);
    expect(perImage / 3).toBeGreaterThan(0);
    expect(estimateContentTokens(0).tokensIn).toBe(one.tokensIn - perImage / 3);
    expect(four.tokensOut).toBe(one.tokensOut);
  });
});

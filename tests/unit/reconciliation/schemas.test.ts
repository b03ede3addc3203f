import { describe, expect, it } from "vitest";
import { groupBySequence } from "@/lib/products/get-product";
import { matchDecisionSchema } from "@/lib/reconciliation/schemas";

const id = "01900000-0000-7000-8000-000000000000";

describe("match decision schema", () => {
  it("accepts a product or 'sem SKU', with applyToSkuBase defaulting to false", () => {
    expect(matchDecisionSchema.parse({ productId: id })).toEqual({ productId: id, applyToSkuBase: false });
    expect(matchDecisionSchema.parse({ noSku: true, applyToSkuBase: true })).toEqual({
      noSku: true,
      applyToSkuBase: true,
    });
  });

  it.each([[{}], [{ noSku: false }], [{ productId: "x" }], [{ productId: id, noSku: true }]])("refuses %j", (input) => {
    expect(matchDecisionSchema.safeParse(input).success).toBe(false);
  });
});

describe("groupBySequence", () => {
  it("keeps first-seen order and groups photos without a sequence under ''", () => {
    const photos = [
      { id: 1, sequence: "01" },
      { id: 2, sequence: null },
      { id: 3, sequence: "01" },
      { id: 4, sequence: "FRENTE" },
    ];
    expect(groupBySequence(photos)).toEqual([
      { sequence: "01", photos: [photos[0], photos[2]] },
      { sequence: "", photos: [photos[1]] },
      { sequence: "FRENTE", photos: [photos[3]] },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import {
  classifyDryRunName,
  coveredSkusOf,
  dryRunTotals,
  entryInput,
  type DryRunEntry,
} from "@/lib/batches/dry-run/classify-dry-run";
import type { DryRunItem, DryRunName, DryRunResult } from "@/lib/batches/dry-run/schemas";
import { mergeDryRunAnswers, runDryRunInChunks, uploadsToSend } from "@/lib/browser/uploads/dry-run-plan";
import { buildSkuIndex, matchFilename } from "@/lib/sku";

const entry = (name: string): DryRunEntry => ({ name, storedName: name, relativePath: name, size: 10, sha256: null });
const index = buildSkuIndex(["VD24-0123", "AB-12", "AB12"]);
const item = (name: string, outcome: DryRunItem["outcome"], sku: string | null = null): DryRunItem => ({
  name,
  outcome,
  sku,
  candidates: [],
  existingImageId: null,
  inBankBy: null,
});

describe("classifyDryRunName", () => {
  it.each([
    ["VD24-0123_FRENTE.jpg", null, "linked", "VD24-0123"],
    ["ab12_01.jpg", null, "ambiguous", null],
    ["IMG_4567.jpg", null, "unknown", null],
    ["VD24-0123_COSTAS.jpg", { imageId: "img-1", by: "name_size" as const }, "in_bank", "VD24-0123"],
    ["IMG_4567.jpg", { imageId: "img-2", by: "sha256" as const }, "in_bank", null],
  ])("%s (in bank: %o) → %s %s", (name, inBank, outcome, sku) => {
    const result = classifyDryRunName(entry(name), matchFilename(index, { filename: name }), inBank);
    expect(result).toMatchObject({ name, outcome, sku, existingImageId: inBank?.imageId ?? null });
  });

  it("keeps the candidates of an ambiguous name, and says unknown without a match scope", () => {
    expect(
      classifyDryRunName(entry("ab12_01.jpg"), matchFilename(index, { filename: "ab12_01.jpg" }), null).candidates,
    ).toEqual(["AB-12", "AB12"]);
    expect(classifyDryRunName(entry("VD24-0123.jpg"), null, null).outcome).toBe("unknown");
  });

  it("reads a bare string and an object alike (sha256 lower-cased)", () => {
    expect(entryInput("a.jpg")).toEqual({ name: "a.jpg", size: null, sha256: null });
    expect(entryInput({ name: "a.jpg", size: 3, sha256: "AB".repeat(32) })).toEqual({
      name: "a.jpg",
      size: 3,
      sha256: "ab".repeat(32),
    });
  });
});

describe("dry-run totals and covered SKUs", () => {
  const items = [
    item("a", "linked", "S1"),
    item("b", "linked", "S1"),
    item("c", "in_bank", "S2"),
    item("d", "unknown"),
    item("e", "ambiguous"),
    item("f", "linked", "S3"),
  ];
  it("counts each outcome once", () => {
    expect(dryRunTotals(items)).toEqual({ names: 6, linked: 3, ambiguous: 1, unknown: 1, inBank: 1 });
    expect(dryRunTotals([])).toEqual({ names: 0, linked: 0, ambiguous: 0, unknown: 0, inBank: 0 });
  });
  it("covers the SKUs of linked names only (an in-bank file adds no photo), with the earlier chunks'", () => {
    expect(coveredSkusOf(items).sort()).toEqual(["S1", "S3"]);
    expect(coveredSkusOf(items, ["S0", "S1"]).sort()).toEqual(["S0", "S1", "S3"]);
  });
});

function answer(results: DryRunItem[], remaining: number, collectionId: string | null = "col"): DryRunResult {
  return {
    batchId: "b",
    collectionId,
    results,
    totals: dryRunTotals(results),
    withoutPhoto: { before: 10, remaining, first: remaining > 0 ? ["Z"] : [] },
  };
}

describe("runDryRunInChunks / mergeDryRunAnswers / uploadsToSend", () => {
  it("sends chunks one after the other, each with the SKUs the earlier chunks linked, and merges them in order", async () => {
    const names: DryRunName[] = ["S1_a.jpg", "x.jpg", "S2_b.jpg", "y.jpg", "S1_c.jpg"];
    const calls: Array<{ names: DryRunName[]; covered: string[] }> = [];
    const progress: number[] = [];
    const summary = await runDryRunInChunks(
      names,
      async (chunk, covered) => {
        calls.push({ names: chunk, covered });
        const results = chunk.map((n) => {
          const name = n as string;
          return name.startsWith("S") ? item(name, "linked", name.slice(0, 2)) : item(name, "unknown");
        });
        return answer(results, 10 - covered.length - results.filter((r) => r.outcome === "linked").length);
      },
      { chunkSize: 2, onProgress: (done) => progress.push(done) },
    );
    expect(calls.map((c) => [c.names.length, c.covered])).toEqual([
      [2, []],
      [2, ["S1"]],
      [1, ["S1", "S2"]],
    ]);
    expect(progress).toEqual([2, 4, 5]);
    expect(summary.totals).toEqual({ names: 5, linked: 3, ambiguous: 0, unknown: 2, inBank: 0 });
    expect(summary.byOutcome).toEqual({ linked: [0, 2, 4], ambiguous: [], unknown: [1, 3], in_bank: [] });
    expect(summary.items.map((i) => i.name)).toEqual(names);
    // The last chunk's answer counts the whole drop.
    expect(summary.withoutPhoto.remaining).toBe(7);
    expect(summary.hasCollection).toBe(true);
  });

  it("keeps every file for 'Enviar tudo' and drops exactly the unknown ones otherwise", () => {
    const summary = mergeDryRunAnswers([
      answer([item("a", "linked", "S1"), item("b", "unknown")], 1),
      answer([item("c", "in_bank"), item("d", "ambiguous"), item("e", "unknown")], 1, null),
    ]);
    const uploads = ["A", "B", "C", "D", "E"];
    expect(uploadsToSend(uploads, summary, "all")).toEqual(uploads);
    expect(uploadsToSend(uploads, summary, "without_unknown")).toEqual(["A", "C", "D"]);
    expect(summary.hasCollection).toBe(false);
    expect(mergeDryRunAnswers([]).withoutPhoto).toEqual({ before: 0, remaining: 0, first: [] });
  });
});

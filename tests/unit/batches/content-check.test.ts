import { describe, expect, it } from "vitest";
import type { DryRunItem, DryRunName, DryRunResult } from "@/lib/batches/dry-run/schemas";
import { runContentCheck, type HashFn } from "@/lib/browser/uploads/content-check";
import { applyContentAnswer, contentCheckIndexes, mergeDryRunAnswers } from "@/lib/browser/uploads/dry-run-plan";

const item = (name: string, outcome: DryRunItem["outcome"], inBankBy: DryRunItem["inBankBy"] = null): DryRunItem => ({
  name,
  outcome,
  sku: outcome === "linked" ? "S1" : null,
  candidates: [],
  existingImageId: outcome === "in_bank" ? `img-${name}` : null,
  inBankBy,
});
const answer = (results: DryRunItem[]): DryRunResult => {
  const count = (o: DryRunItem["outcome"]) => results.filter((r) => r.outcome === o).length;
  return {
    batchId: "b",
    collectionId: "col",
    results,
    totals: {
      names: results.length,
      linked: count("linked"),
      ambiguous: count("ambiguous"),
      unknown: count("unknown"),
      inBank: count("in_bank"),
    },
    withoutPhoto: { before: 4, remaining: 2, first: ["Z1", "Z2"] },
  };
};

// a: linked, b: in the bank by name + size, c: unknown, d: ambiguous, e: unknown.
const first = mergeDryRunAnswers([
  answer([
    item("a", "linked"),
    item("b", "in_bank", "name_size"),
    item("c", "unknown"),
    item("d", "ambiguous"),
    item("e", "unknown"),
  ]),
]);

describe("contentCheckIndexes / applyContentAnswer", () => {
  it("compares everything not already in the bank", () => {
    expect(contentCheckIndexes(first)).toEqual([0, 2, 3, 4]);
  });

  it("moves the names the bank holds by sha256 to in_bank, keeping drop order and the first answer's SKUs sem foto", () => {
    // The second answer covers a, c, e (positions 0, 2, 4): c and a are in the bank by content.
    const second = answer([item("a", "in_bank", "sha256"), item("c", "in_bank", "sha256"), item("e", "unknown")]);
    const next = applyContentAnswer(first, [0, 2, 4], second);
    expect(next.totals).toEqual({ names: 5, linked: 0, ambiguous: 1, unknown: 1, inBank: 3 });
    expect(next.byOutcome).toEqual({ linked: [], ambiguous: [3], unknown: [4], in_bank: [0, 1, 2] });
    expect(next.items[2]).toMatchObject({
      name: "c",
      outcome: "in_bank",
      inBankBy: "sha256",
      existingImageId: "img-c",
    });
    expect(next.withoutPhoto).toEqual(first.withoutPhoto);
    // The first summary is left as it was (React state).
    expect(first.totals.inBank).toBe(1);
    expect(first.items[2]!.outcome).toBe("unknown");
  });

  it("ignores in_bank by name + size in the second answer and returns the same summary when nothing moved", () => {
    const second = answer([item("c", "in_bank", "name_size"), item("e", "unknown")]);
    expect(applyContentAnswer(first, [2, 4], second)).toBe(first);
  });
});

describe("runContentCheck", () => {
  const files = ["x", "yy", "zzz", "wwww", "vvvvv"].map((text) => new Blob([text]));
  const names = files.map((f, i) => ({ name: `F${i}.jpg`, size: f.size }));
  const sha = (i: number) => String(i).repeat(64).slice(0, 64);
  // Hashes in order, one file per turn of the event loop, like the worker's replies.
  const hash: HashFn = async (list, { signal, onHashed }) => {
    let n = 0;
    for (let i = 0; i < list.length; i++) {
      if (signal?.aborted) break;
      await new Promise((r) => setTimeout(r, 0));
      onHashed(i, sha(i));
      n++;
    }
    return n;
  };

  it("sends the hashed names in groups with their sha256 and hands each answer with its positions", async () => {
    const sent: DryRunName[][] = [];
    const answers: number[][] = [];
    const progress: number[] = [];
    const hashed = await runContentCheck({
      files,
      names,
      hash,
      flushEvery: 2,
      request: async (batch) => {
        sent.push(batch);
        return answer(batch.map((n) => item(typeof n === "string" ? n : n.name, "unknown")));
      },
      onAnswer: (positions) => answers.push(positions),
      onProgress: (n) => progress.push(n),
    });
    expect(hashed).toBe(5);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(answers).toEqual([[0, 1], [2, 3], [4]]);
    expect(sent.flat()).toEqual(names.map((n, i) => ({ ...n, sha256: sha(i) })));
  });

  it("stops hashing and sending on abort, and reports a failed request", async () => {
    const controller = new AbortController();
    const sent: DryRunName[][] = [];
    await runContentCheck({
      files,
      names,
      hash,
      flushEvery: 2,
      signal: controller.signal,
      request: async (batch) => {
        sent.push(batch);
        controller.abort();
        return answer([]);
      },
      onAnswer: () => {},
    });
    expect(sent).toHaveLength(1);

    await expect(
      runContentCheck({
        files,
        names,
        hash,
        request: async () => {
          throw new Error("HTTP 500");
        },
        onAnswer: () => {},
      }),
    ).rejects.toThrow("HTTP 500");
  });
});

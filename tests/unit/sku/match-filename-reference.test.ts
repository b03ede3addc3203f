import { describe, expect, it } from "vitest";
import { buildSkuIndex, matchFilename, normalizeSkuKey, sanitizeName } from "@/lib/sku";
import { findSequenceCut } from "@/lib/sku/sequence-suffix";
import { mulberry32 } from "@/tests/bench/lib/prng";

/**
 * Cross-checks the hash-map walk (with its ASCII fast path) against a deliberately naive
 * reference that scans every SKU at every boundary, on random names built from a tiny alphabet
 * so that prefixes, collisions and boundary cases are frequent.
 */
const BOUNDARY = new Set(["_", "-", ".", " ", "("]);

function reference(skus: string[], stem: string): { sku: string | null; ambiguous: string[] | null; end: number } {
  for (let end = stem.length; end > 0; end--) {
    if (end !== stem.length && !BOUNDARY.has(stem[end] as string)) continue;
    const raw = stem.slice(0, end).replace(/[-_. ]+$/, "");
    const key = normalizeSkuKey(raw);
    if (key === "") continue;
    const fits = [...new Set(skus.filter((s) => normalizeSkuKey(s) === key))].sort();
    if (fits.length === 0) continue;
    if (fits.includes(raw)) return { sku: raw, ambiguous: null, end };
    if (fits.length === 1) {
      const only = fits[0] as string;
      if (only.toUpperCase() === raw.toUpperCase()) return { sku: only, ambiguous: null, end };
      // separators differ: ambiguous when the next shorter fitting prefix names another SKU
      for (let e = end - 1; e > 0; e--) {
        if (!BOUNDARY.has(stem[e] as string)) continue;
        const k = normalizeSkuKey(stem.slice(0, e).replace(/[-_. ]+$/, ""));
        if (k === "" || k === key) continue;
        const more = skus.filter((s) => normalizeSkuKey(s) === k);
        if (more.length > 0) return { sku: null, ambiguous: [...new Set([only, ...more])].sort(), end };
      }
      return { sku: only, ambiguous: null, end };
    }
    return { sku: null, ambiguous: fits, end };
  }
  return { sku: null, ambiguous: null, end: -1 };
}

describe("matchFilename vs naive reference", () => {
  const rand = mulberry32(42);
  const alphabet = ["A", "b", "1", "2", "-", "_", ".", " ", "(", "É"];
  const word = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  // SKUs start and end with a non-separator so they are plausible.
  const skus = Array.from({ length: 60 }, () => `A${word(0, 4)}1`);
  const index = buildSkuIndex(skus);

  it("agrees on 5,000 random names", () => {
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      const name = `A${word(0, 8)}`;
      const stem = sanitizeName(name); // sanitising (space collapsing) is tested elsewhere
      // Sequence-only names (`A-1-A`) go to the folder fallback by design; not this test's subject.
      if (findSequenceCut(stem).sequenceOnly) continue;
      const got = matchFilename(index, { filename: `${name}.jpg` });
      const ref = reference(skus, stem);
      if (got.status === "matched") expect(got.sku).toBe(ref.sku);
      else if (got.status === "ambiguous") expect(got.candidates).toEqual(ref.ambiguous);
      else expect({ stem, end: ref.end }).toEqual({ stem, end: -1 });
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
  });
});

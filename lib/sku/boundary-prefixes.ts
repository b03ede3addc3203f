import { normalizeSkuKey } from "./normalize-sku";
import { isBoundaryCode, trimTrailingSeparators } from "./separators";

export interface BoundaryPrefix {
  /** Index in the stem where the prefix ends (a boundary character or the end). */
  end: number;
  /** Prefix text with trailing separators trimmed — compared to SKUs for exactness. */
  raw: string;
  /** normalizeSkuKey(raw). */
  key: string;
}

/**
 * All prefixes of `stem` that end at a boundary (`_ - . space (` or the end), longest first,
 * one per distinct non-empty key (`AB__01` yields `AB__01`, `AB` once).
 * The matcher has an allocation-free ASCII version of this walk; this one serves the rest.
 */
export function boundaryPrefixes(stem: string): BoundaryPrefix[] {
  const out: BoundaryPrefix[] = [];
  let lastKey: string | null = null;
  for (let end = stem.length; end > 0; end--) {
    if (end !== stem.length && !isBoundaryCode(stem.charCodeAt(end))) continue;
    const raw = trimTrailingSeparators(stem.slice(0, end));
    const key = normalizeSkuKey(raw);
    if (key === "" || key === lastKey) continue;
    lastKey = key;
    out.push({ end, raw, key });
  }
  return out;
}

import { normalizeSkuKey } from "./normalize-sku";
import { sanitizeName } from "./sanitize-name";

/**
 * Lookup structure for one matching scope (normally the SKUs of one collection — collection-scoped
 * matching is done by building one index per collection, never by filtering afterwards).
 */
export interface SkuIndex {
  /** Distinct SKUs indexed. */
  readonly size: number;
  /** normalised key → the SKU (or the sorted SKUs, when several collide on that key). */
  readonly byKey: ReadonlyMap<string, string | readonly string[]>;
  /** sanitised SKU text (case and separators as-is) → the SKU as given. */
  readonly exact: ReadonlyMap<string, string>;
}

/**
 * Builds the index in O(n). SKUs are sanitised (NFC, trimmed); blanks and duplicates are skipped.
 * Returned SKUs are always the strings as given, so callers can link by them.
 */
export function buildSkuIndex(skus: Iterable<string>): SkuIndex {
  const byKey = new Map<string, string | string[]>();
  const exact = new Map<string, string>();
  for (const sku of skus) {
    const clean = sanitizeName(sku);
    if (clean === "" || exact.has(clean)) continue;
    const key = normalizeSkuKey(clean);
    if (key === "") continue;
    exact.set(clean, sku);
    const prev = byKey.get(key);
    if (prev === undefined) byKey.set(key, sku);
    else if (typeof prev === "string") byKey.set(key, [prev, sku]);
    else prev.push(sku);
  }
  for (const v of byKey.values()) if (typeof v !== "string") v.sort(compareStrings);
  return { size: exact.size, byKey, exact };
}

/** Code-unit order: deterministic and locale-independent. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

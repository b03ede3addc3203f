/**
 * Cheap gate run before the (more expensive) similarity score, so ranking against 100k SKUs only
 * scores plausible ones. A SKU key passes when, against any query key, it shares the first
 * `prefixLength` characters OR at least `minSharedTrigrams` character trigrams (catches a typo in
 * the first characters). Keys are normalised (`normalizeSkuKey`).
 *
 * Database equivalent, for when the SKU list itself is too big to load: a btree on the normalised
 * key answers the prefix half (`key LIKE 'VD%'`) and pg_trgm answers the trigram half.
 */
export function createCandidatePrefilter(
  queryKeys: readonly string[],
  opts: { prefixLength?: number; minSharedTrigrams?: number } = {},
): (skuKey: string) => boolean {
  const prefixLength = Math.max(1, opts.prefixLength ?? 2);
  const minShared = Math.max(1, opts.minSharedTrigrams ?? 2);
  const keys = queryKeys.filter((k) => k !== "");
  const prefixes = new Set(keys.map((k) => k.slice(0, prefixLength)));
  const trigrams = new Set<number>();
  for (const k of keys) for (let i = 0; i + 3 <= k.length; i++) trigrams.add(trigramAt(k, i));

  return (skuKey: string): boolean => {
    if (skuKey === "") return false;
    if (skuKey.length >= prefixLength && prefixes.has(skuKey.slice(0, prefixLength))) return true;
    if (trigrams.size === 0) return false;
    let shared = 0;
    for (let i = 0; i + 3 <= skuKey.length; i++) {
      if (trigrams.has(trigramAt(skuKey, i)) && ++shared >= minShared) return true;
    }
    return false;
  };
}

/** Three UTF-16 units packed in one number (< 2^48): no substring allocation per trigram. */
function trigramAt(s: string, i: number): number {
  return s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
}

/**
 * Near-duplicate search over 64-bit perceptual hashes (lib/images/analyze-image.ts: 16 hex
 * characters) without comparing all pairs — multi-index hashing: the hash is split into
 * DUPLICATE_BANDS bands of 16 bits, each indexed in PostgreSQL (vitrine_phash_band in the
 * migration). Two hashes within Hamming distance d differ in at most d bits, spread over 4 bands,
 * so when d ≤ 7 at least one band differs by at most 1 bit (pigeonhole: 4 bands × 2 bits = 8 > 7).
 * A photo's candidates are the rows whose band equals one of its bands or one of that band's 16
 * one-bit neighbours: 4 × 17 index probes, then the exact distance on each candidate.
 *
 * Why 16-bit bands with neighbours rather than exact 8-bit bands: at 1,000,000 photos a 16-bit band
 * value holds ~15 photos (uniform hashes), so a search reads ~1,000 candidates; an 8-bit band value
 * holds ~3,900, and 8 exact bands (the pigeonhole for d ≤ 7) read ~31,000. Pure: no DB, unit-tested.
 */

/**
 * The largest Hamming distance (of 64 bits) reported as a possible duplicate. A re-encode, a resize
 * or a re-export of the same picture lands at 0–4 (tests/unit/images/analyze-image.test.ts); two
 * different photos at 16 or more. 6 leaves room for a crop or colour touch-up while staying far from
 * different shots. The band search finds every pair up to DUPLICATE_SEARCH_RADIUS; keep this ≤ it.
 */
export const DUPLICATE_MAX_DISTANCE = 6;

export const DUPLICATE_BANDS = 4;
export const DUPLICATE_BAND_BITS = 16;
/** Every pair within this distance shares a band within one bit: DUPLICATE_BANDS × 2 − 1. */
export const DUPLICATE_SEARCH_RADIUS = DUPLICATE_BANDS * 2 - 1;

const HASH_PATTERN = /^[0-9a-f]{16}$/;

export function isPerceptualHash(hash: string): boolean {
  return HASH_PATTERN.test(hash);
}

/** The hash's bands, most significant first, as integers 0..65535 (the migration's vitrine_phash_band). */
export function hashBands(hash: string): number[] {
  if (!isPerceptualHash(hash)) throw new Error(`Perceptual hash inválido: ${hash}`);
  const hexPerBand = DUPLICATE_BAND_BITS / 4;
  return Array.from({ length: DUPLICATE_BANDS }, (_, band) =>
    Number.parseInt(hash.slice(band * hexPerBand, (band + 1) * hexPerBand), 16),
  );
}

/** A band value and its one-bit neighbours: the values a band of a near hash can take. */
export function bandNeighbours(value: number): number[] {
  return [value, ...Array.from({ length: DUPLICATE_BAND_BITS }, (_, bit) => value ^ (1 << bit))];
}

export function hammingDistance(a: string, b: string): number {
  if (!isPerceptualHash(a) || !isPerceptualHash(b)) throw new Error("Perceptual hash inválido.");
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

/** Whether the band search would find this pair (one band within one bit): true for every pair within DUPLICATE_SEARCH_RADIUS. */
export function sharesNearBand(a: string, b: string): boolean {
  const bandsB = hashBands(b);
  return hashBands(a).some((value, band) => bandNeighbours(value).includes(bandsB[band]!));
}

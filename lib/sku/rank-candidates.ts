import { boundaryPrefixes } from "./boundary-prefixes";
import { createCandidatePrefilter } from "./candidate-prefilter";
import { jaroWinkler } from "./jaro-winkler";
import { normalizeSkuKey } from "./normalize-sku";
import { sanitizeName } from "./sanitize-name";
import { findSequenceCut } from "./sequence-suffix";
import { compareStrings } from "./sku-index";
import { splitFilename } from "./split-filename";
import type { CandidateReason, CandidateSku, RankedCandidate, RankInput, RankOptions } from "./types";

/** Weights: the name decides most; collection and already-linked siblings corroborate. Sum = 1. */
export const RANK_WEIGHTS = { name: 0.7, sameCollection: 0.1, siblingLinked: 0.2 } as const;
/** Name component for each kind of name fit (similarity is capped below a normalised prefix fit). */
const EXACT_PREFIX = 1;
const NORMALIZED_PREFIX = 0.95;
const SIMILARITY_CAP = 0.9;
/** Below this Jaro-Winkler value a name is not considered similar at all. */
export const MIN_NAME_SIMILARITY = 0.8;
const DEFAULT_LIMIT = 10;

/**
 * Ranks SKUs for the reconciliation screen ("which SKU is this photo?").
 * name component (one of): exact_prefix (a SKU equal to a boundary prefix of the name / folder /
 * skuBase) 1.0 · normalized_prefix 0.95 · name_similarity = 0.9 × Jaro-Winkler(key(skuBase),
 * key(SKU)) when ≥ 0.8. Boosts: same_collection (+0.1), sibling_linked (+0.2).
 * score = 0.7 × name + boosts, in 0..1. A SKU needs a name fit or linked siblings to be listed.
 * Order: score desc, then sku asc (code-unit order) — deterministic. Duplicated SKUs keep their best.
 */
export function rankCandidates(
  input: RankInput,
  skus: readonly CandidateSku[],
  opts: RankOptions = {},
): RankedCandidate[] {
  const limit = Math.floor(opts.limit ?? DEFAULT_LIMIT);
  if (!(limit > 0)) return [];
  const { stem, folderSegment } = splitFilename(input.filename, input.folder);

  // Texts whose boundary prefixes count as "prefix" fits.
  const texts = [stem];
  if (folderSegment !== "" && (stem === "" || findSequenceCut(stem).sequenceOnly)) texts.push(folderSegment);
  const skuBase = sanitizeName(input.skuBase ?? "");
  if (skuBase !== "") texts.push(skuBase);
  const exactPrefixes = new Set<string>();
  const keyPrefixes = new Set<string>();
  for (const t of texts) {
    for (const p of boundaryPrefixes(t)) {
      exactPrefixes.add(p.raw);
      keyPrefixes.add(p.key);
    }
  }
  // Similarity is measured against the base (not the full name, whose sequence would dilute it).
  const queryKeys = [...new Set(texts.map((t) => normalizeSkuKey(baseOf(t))).filter((k) => k !== ""))];
  const passes = createCandidatePrefilter(queryKeys);

  const best = new Map<string, RankedCandidate>();
  for (const cand of skus) {
    if (typeof cand?.sku !== "string") continue;
    const clean = sanitizeName(cand.sku);
    const key = normalizeSkuKey(clean);
    if (key === "") continue;
    const reasons: CandidateReason[] = [];
    let name = 0;
    if (exactPrefixes.has(clean)) {
      name = EXACT_PREFIX;
      reasons.push("exact_prefix");
    } else if (keyPrefixes.has(key)) {
      name = NORMALIZED_PREFIX;
      reasons.push("normalized_prefix");
    } else if (passes(key)) {
      let sim = 0;
      for (const q of queryKeys) sim = Math.max(sim, jaroWinkler(q, key));
      if (sim >= MIN_NAME_SIMILARITY) {
        name = SIMILARITY_CAP * sim;
        reasons.push("name_similarity");
      }
    }
    const sibling = cand.hasLinkedSiblings === true;
    if (name === 0 && !sibling) continue;
    let score = RANK_WEIGHTS.name * name;
    if (opts.collectionId != null && cand.collectionId === opts.collectionId) {
      score += RANK_WEIGHTS.sameCollection;
      reasons.push("same_collection");
    }
    if (sibling) {
      score += RANK_WEIGHTS.siblingLinked;
      reasons.push("sibling_linked");
    }
    score = Math.min(1, Math.round(score * 10_000) / 10_000);
    const prev = best.get(cand.sku);
    if (prev === undefined || score > prev.score) best.set(cand.sku, { sku: cand.sku, score, reasons });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || compareStrings(a.sku, b.sku))
    .slice(0, limit);
}

/** The parser's SKU base of a text (the text itself when it has no sequence suffix). */
function baseOf(text: string): string {
  const { cut, sequenceOnly } = findSequenceCut(text);
  return sequenceOnly ? text : text.slice(0, cut);
}

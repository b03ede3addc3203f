import { boundaryPrefixes } from "./boundary-prefixes";
import { createCandidatePrefilter } from "./candidate-prefilter";
import { jaroWinkler } from "./jaro-winkler";
import { normalizeSkuKey } from "./normalize-sku";
import { sanitizeName } from "./sanitize-name";
import { findSequenceCut } from "./sequence-suffix";
import { compareStrings } from "./sku-index";
import { splitFilename } from "./split-filename";
import { explainTypo, type TypoExplanation } from "./typo-distance";
import type { CandidateReason, CandidateSku, RankedCandidate, RankInput, RankOptions } from "./types";

/** Weights: the name decides most; collection and already-linked siblings corroborate. Sum = 1. */
export const RANK_WEIGHTS = { name: 0.7, sameCollection: 0.1, siblingLinked: 0.2 } as const;
/** Name component for each kind of name fit. */
const EXACT_PREFIX = 1;
const NORMALIZED_PREFIX = 0.95;
/** A likely typo scores 1 − this × its cost: a look-alike (0.3) → 0.88, a plain replacement (0.8) → 0.68. */
const TYPO_PENALTY = 0.4;
/** The most a typo explanation may cost (about two likely mistakes), and per character of the key. */
const MAX_TYPO_COST = 1.2;
const MAX_TYPO_COST_PER_CHAR = 0.15;
/** Typos are looked for in prefixes at least this long (shorter ones fit almost anything). */
const MIN_TYPO_KEY_LENGTH = 4;
/** Plain similarity (no likely typo explains the difference) maps Jaro-Winkler 0.8..1 to 0.3..0.45. */
const SIMILARITY_FLOOR = 0.3;
const SIMILARITY_SLOPE = 0.75;
/** Below this Jaro-Winkler value a name is not considered similar at all. */
export const MIN_NAME_SIMILARITY = 0.8;
const DEFAULT_LIMIT = 10;

/**
 * Ranks SKUs for the reconciliation screen ("which SKU is this photo?").
 * name component (the first that applies): exact_prefix (a SKU equal to a boundary prefix of the
 * name / folder / skuBase) 1.0 · normalized_prefix 0.95 · likely_typo (look-alike characters,
 * swapped neighbours, a dropped or doubled character: `typoEdits` says which) 1 − 0.4 × cost, 0.52..0.88
 * · name_similarity: one other character differs 0.68, else 0.3..0.45 from Jaro-Winkler ≥ 0.8. Boosts: same_collection (+0.1),
 * sibling_linked (+0.2). score = 0.7 × name + boosts, in 0..1. A SKU needs a name fit or linked
 * siblings to be listed. Order: score desc; ties by same collection, linked siblings, the longer
 * prefix shared with the photo's sku_base, then sku asc (code-unit order). Duplicated SKUs keep their best.
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
  // A typo may sit in front of a suffix the parser kept in the base (`AUR26-10O5-AZUL`): prefixes count too.
  const typoKeys = [...new Set([...queryKeys, ...keyPrefixes])].filter((k) => k.length >= MIN_TYPO_KEY_LENGTH);
  const skuBaseKey = normalizeSkuKey(baseOf(skuBase)) || queryKeys[0] || "";

  const best = new Map<string, RankedCandidate & { tie: TieBreak }>();
  for (const cand of skus) {
    if (typeof cand?.sku !== "string") continue;
    const clean = sanitizeName(cand.sku);
    const key = normalizeSkuKey(clean);
    if (key === "") continue;
    const reasons: CandidateReason[] = [];
    let name = 0;
    let typo: TypoExplanation | null = null;
    if (exactPrefixes.has(clean)) {
      name = EXACT_PREFIX;
      reasons.push("exact_prefix");
    } else if (keyPrefixes.has(key)) {
      name = NORMALIZED_PREFIX;
      reasons.push("normalized_prefix");
    } else if (passes(key)) {
      const closest = closestSpelling(typoKeys, key);
      if (closest && isLikelyTypo(closest)) {
        typo = closest;
        name = 1 - TYPO_PENALTY * closest.cost;
        reasons.push("likely_typo");
      } else if (closest && closest.edits.length === 1) {
        // One character differs, and not one people confuse: close, but just as likely another SKU.
        name = 1 - TYPO_PENALTY * closest.cost;
        reasons.push("name_similarity");
      } else {
        let sim = 0;
        for (const q of queryKeys) sim = Math.max(sim, jaroWinkler(q, key));
        if (sim >= MIN_NAME_SIMILARITY) {
          name = SIMILARITY_FLOOR + SIMILARITY_SLOPE * (sim - MIN_NAME_SIMILARITY);
          reasons.push("name_similarity");
        }
      }
    }
    const sibling = cand.hasLinkedSiblings === true;
    if (name === 0 && !sibling) continue;
    let score = RANK_WEIGHTS.name * name;
    const isSameCollection = opts.collectionId != null && cand.collectionId === opts.collectionId;
    if (isSameCollection) {
      score += RANK_WEIGHTS.sameCollection;
      reasons.push("same_collection");
    }
    if (sibling) {
      score += RANK_WEIGHTS.siblingLinked;
      reasons.push("sibling_linked");
    }
    score = Math.min(1, Math.round(score * 10_000) / 10_000);
    const prev = best.get(cand.sku);
    if (prev === undefined || score > prev.score) {
      const entry: RankedCandidate & { tie: TieBreak } = {
        sku: cand.sku,
        score,
        reasons,
        tie: { isSameCollection, sibling, sharedPrefix: sharedPrefixLength(skuBaseKey, key) },
      };
      if (typo) entry.typoEdits = typo.edits;
      best.set(cand.sku, entry);
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || compareTies(a.tie, b.tie) || compareStrings(a.sku, b.sku))
    .slice(0, limit)
    .map(({ sku, score, reasons, typoEdits }) =>
      typoEdits ? { sku, score, reasons, typoEdits } : { sku, score, reasons },
    );
}

type TieBreak = { isSameCollection: boolean; sibling: boolean; sharedPrefix: number };

function compareTies(a: TieBreak, b: TieBreak): number {
  return (
    Number(b.isSameCollection) - Number(a.isSameCollection) ||
    Number(b.sibling) - Number(a.sibling) ||
    b.sharedPrefix - a.sharedPrefix
  );
}

function sharedPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Only the mistakes people and OCR really make: a plain replacement means another SKU as often as a typo. */
function isLikelyTypo(typo: TypoExplanation): boolean {
  return typo.edits.every((edit) => edit.kind !== "replaced");
}

/** The cheapest edit script from any of the photo's keys to the SKU key, within the typo budget. */
function closestSpelling(queryKeys: readonly string[], skuKey: string): TypoExplanation | null {
  let best: TypoExplanation | null = null;
  for (const q of queryKeys) {
    const maxCost = Math.min(
      MAX_TYPO_COST,
      MAX_TYPO_COST_PER_CHAR * Math.max(q.length, skuKey.length),
      best ? best.cost : Infinity,
    );
    const found = explainTypo(q, skuKey, maxCost);
    if (found && (!best || found.cost < best.cost)) best = found;
  }
  return best;
}

/** The parser's SKU base of a text (the text itself when it has no sequence suffix). */
function baseOf(text: string): string {
  const { cut, sequenceOnly } = findSequenceCut(text);
  return sequenceOnly ? text : text.slice(0, cut);
}

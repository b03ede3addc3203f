import { boundaryPrefixes } from "./boundary-prefixes";
import { findSequenceCut } from "./sequence-suffix";
import { trimSeparators, trimTrailingSeparators } from "./separators";
import { compareStrings, type SkuIndex } from "./sku-index";
import { sanitizeName } from "./sanitize-name";
import { splitFilename } from "./split-filename";
import type { MatchInput, MatchResult } from "./types";

export { buildSkuIndex } from "./sku-index";
export type { SkuIndex } from "./sku-index";

const PLAIN_ASCII = /^[\x20-\x7E]*$/;
const KEY_SEPARATORS = /[-_. ]+/g;

type Hit =
  | { kind: "matched"; sku: string; exact: boolean; end: number }
  | { kind: "ambiguous"; candidates: string[]; end: number };

function resolve(index: SkuIndex, found: string | readonly string[], raw: string, end: number, text: string): Hit {
  const exactSku = index.exact.get(raw);
  // An exact (case + separators) fit wins over normalised collisions on the same key.
  if (exactSku !== undefined) return { kind: "matched", sku: exactSku, exact: true, end };
  if (typeof found !== "string") return { kind: "ambiguous", candidates: [...found], end };
  // Same separators, other case (`vd24-0123` for `VD24-0123`): the name's structure agrees.
  if (sanitizeName(found).toUpperCase() === raw.toUpperCase())
    return { kind: "matched", sku: found, exact: false, end };
  // Separators differ (`PC14-83_01` for `PC14-8301`): if a shorter prefix is also a SKU (`PC14-83` + `01`)
  // the name reads both ways — ambiguous rather than a guess.
  const others = new Set<string>([found]);
  for (const p of boundaryPrefixes(text.slice(0, end))) {
    if (p.end >= end) continue;
    const shorter = index.byKey.get(p.key);
    if (shorter === undefined) continue;
    if (typeof shorter === "string") others.add(shorter);
    else for (const x of shorter) others.add(x);
    break;
  }
  if (others.size > 1) return { kind: "ambiguous", candidates: [...others].sort(compareStrings), end };
  return { kind: "matched", sku: found, exact: false, end };
}

/**
 * Longest known SKU that is a boundary prefix of `text`. Walks the boundaries from the end, so
 * the cost is O(boundaries) map lookups, independent of the number of SKUs. The first key found
 * decides: a longer fit always beats a shorter one, and a colliding key is ambiguous even if a
 * shorter prefix would be unique (precision over recall).
 */
function longestPrefixHit(index: SkuIndex, text: string): Hit | null {
  if (!PLAIN_ASCII.test(text)) {
    for (const p of boundaryPrefixes(text)) {
      const found = index.byKey.get(p.key);
      if (found !== undefined) return resolve(index, found, p.raw, p.end, text);
    }
    return null;
  }
  // ASCII: normalisation is per character, so every prefix key is a slice of the full key.
  const full = text.replace(KEY_SEPARATORS, "").toUpperCase();
  let keptAfter = 0; // key characters contributed by text[end..]
  let lastLen = -1;
  for (let end = text.length; end > 0; end--) {
    // Boundary test inlined (hot loop): `_ - . space (` or the end.
    const b = end === text.length ? 0 : text.charCodeAt(end);
    if (b === 0 || b === 95 || b === 45 || b === 46 || b === 32 || b === 40) {
      const len = full.length - keptAfter;
      if (len > 0 && len !== lastLen) {
        lastLen = len;
        const found = index.byKey.get(len === full.length ? full : full.slice(0, len));
        if (found !== undefined) {
          return resolve(index, found, trimTrailingSeparators(text.slice(0, end)), end, text);
        }
      }
    }
    const c = text.charCodeAt(end - 1);
    if (c !== 95 && c !== 45 && c !== 46 && c !== 32) keptAfter++;
  }
  return null;
}

/**
 * Matches one filename against an index. Rules:
 * - the LONGEST known SKU that is a prefix of the name ending at a boundary (`_ - . space (` or
 *   end) wins, compared case/accent/separator-insensitively; the rest is the sequence;
 * - several SKUs with the same normalised key → ambiguous, unless one fits exactly;
 * - a fit whose separators differ from the name's (`PC14-83_01` → `PC14-8301`) is ambiguous when a
 *   shorter boundary prefix is also a SKU (`PC14-83`);
 * - a name that is only a sequence (`01.jpg`) is matched by its folder's last segment instead;
 * - otherwise unmatched, keeping the parser's skuBase/sequence. Hidden/system files: unmatched.
 */
export function matchFilename(index: SkuIndex, input: MatchInput): MatchResult {
  const { stem, folderSegment, ignored } = splitFilename(input.filename, input.folder);
  if (ignored || stem === "") return { status: "unmatched", skuBase: null, sequence: null };
  const { cut, sequenceOnly } = findSequenceCut(stem);

  if (sequenceOnly) {
    const sequence = trimSeparators(stem) || null;
    const hit = folderSegment === "" ? null : longestPrefixHit(index, folderSegment);
    if (hit === null) return { status: "unmatched", skuBase: folderSegment || null, sequence };
    if (hit.kind === "ambiguous") {
      return { status: "ambiguous", candidates: hit.candidates, skuBase: folderSegment, sequence };
    }
    return { status: "matched", sku: hit.sku, skuBase: hit.sku, sequence, exact: hit.exact };
  }

  const hit = longestPrefixHit(index, stem);
  if (hit === null) {
    return {
      status: "unmatched",
      skuBase: trimSeparators(stem.slice(0, cut)) || null,
      sequence: trimSeparators(stem.slice(cut)) || null,
    };
  }
  const sequence = trimSeparators(stem.slice(hit.end)) || null;
  if (hit.kind === "ambiguous") {
    return {
      status: "ambiguous",
      candidates: hit.candidates,
      skuBase: trimTrailingSeparators(stem.slice(0, hit.end)) || null,
      sequence,
    };
  }
  return { status: "matched", sku: hit.sku, skuBase: hit.sku, sequence, exact: hit.exact };
}

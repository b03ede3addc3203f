import type { TypoEdit } from "./typo-distance";

/** Result of `parseSkuFilename`: the SKU base, the angle/variation (`sequência`) and the extension. */
export interface ParsedSkuFilename {
  skuBase: string | null;
  sequence: string | null;
  /** Lower-case, without the dot (`"jpg"`), or null when the name has no known file extension. */
  extension: string | null;
}

/** Input of `matchFilename`: the file's name and, optionally, its folder (relative path). */
export interface MatchInput {
  filename: string;
  folder?: string | null;
}

/**
 * Outcome of matching one filename against the known SKUs of a collection.
 * - matched: exactly one SKU fits; `exact` says whether it fitted case- and separator-exactly.
 * - ambiguous: several distinct SKUs fit equally well — never auto-linked.
 * - unmatched: nothing fits; `skuBase`/`sequence` are the parser's best guess.
 */
export type MatchResult =
  | { status: "matched"; sku: string; skuBase: string; sequence: string | null; exact: boolean }
  | { status: "ambiguous"; candidates: string[]; skuBase: string | null; sequence: string | null }
  | { status: "unmatched"; skuBase: string | null; sequence: string | null };

export type CandidateReason =
  "exact_prefix" | "normalized_prefix" | "likely_typo" | "name_similarity" | "same_collection" | "sibling_linked";

export interface RankedCandidate {
  sku: string;
  /** 0..1, rounded to 4 decimals so ordering is stable. */
  score: number;
  reasons: CandidateReason[];
  /** With `likely_typo`: what the photo's text seems to have got wrong ("O→0"). */
  typoEdits?: TypoEdit[];
}

export interface CandidateSku {
  sku: string;
  collectionId?: string | null;
  /** Photos with the same sku_base are already linked to this SKU. */
  hasLinkedSiblings?: boolean;
}

export interface RankInput {
  filename: string;
  folder?: string | null;
  skuBase: string | null;
}

export interface RankOptions {
  collectionId?: string | null;
  /** Default 10. */
  limit?: number;
}

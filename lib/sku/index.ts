// Public API of lib/sku: pure SKU parsing and matching (no DB, no I/O, no framework).
export { parseSkuFilename } from "./parse-sku-filename";
export { normalizeSkuKey } from "./normalize-sku";
export { buildSkuIndex, matchFilename } from "./match-filename";
export type { SkuIndex } from "./match-filename";
export { rankCandidates, RANK_WEIGHTS, MIN_NAME_SIMILARITY } from "./rank-candidates";
export { createCandidatePrefilter } from "./candidate-prefilter";
export { jaroWinkler } from "./jaro-winkler";
export { explainTypo, isLookalike, TYPO_COSTS } from "./typo-distance";
export type { TypoEdit, TypoExplanation } from "./typo-distance";
export { sanitizeName } from "./sanitize-name";
export { VIEW_WORDS } from "./sequence-suffix";
export type {
  CandidateReason,
  CandidateSku,
  MatchInput,
  MatchResult,
  ParsedSkuFilename,
  RankedCandidate,
  RankInput,
  RankOptions,
} from "./types";

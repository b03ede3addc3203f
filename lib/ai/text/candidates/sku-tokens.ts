import { normalizeSkuKey } from "@/lib/sku";

/**
 * SKU-shaped tokens of the text printed on a photo (a tag, a label), keyed like the filename matcher
 * (`normalizeSkuKey`: case, accents and separators removed) so they compare with `Product.skuKey`.
 * Pure: no I/O.
 */
export type SkuToken = {
  /** normalizeSkuKey of the text read. */
  key: string;
  /** The key with the OCR's usual confusions folded (foldOcrConfusions). */
  folded: string;
  /** The text as read ("REF VD25-0150" → "VD25-0150"), for the candidate's evidence. */
  text: string;
  /** 0–1: the weakest OCR confidence of its words (DEFAULT_CONFIDENCE when the reader gave none). */
  confidence: number;
};

/** A key shorter than this (or without a digit) is a word of the tag, not a SKU. */
export const MIN_KEY_LENGTH = 4;
const MAX_KEY_LENGTH = 40;
/** Words joined into one token at most ("VD25 0150", "VD 25 0150"): OCR splits a SKU at its separators. */
const MAX_WORDS = 3;
/** Confidence of a word the reader gave none for (a vision model's reading). */
export const DEFAULT_CONFIDENCE = 0.8;
/** Labels printed before a SKU, read glued to it now and then ("REF.VD25-0150" → "REFVD250150"). */
const LABELS = ["REFERENCIA", "CODIGO", "REF", "SKU", "COD", "ART", "MOD"];

// Word boundaries on a tag: spaces and punctuation that no SKU key keeps (normalizeSkuKey drops - _ . and spaces).
const WORD_SPLIT = /[\s:#;,|()[\]{}<>"'“”‘’«»*=+]+/u;
const EDGE_PUNCTUATION = /^[-_./\\]+|[-_./\\]+$/g;

/**
 * O/Q ↔ 0 and I/L ↔ 1: what tesseract mistakes most in codes. Applied to both the token and the
 * SKU key (SQL: `translate("skuKey", 'OQIL', '0011')`), equal folded keys differing raw are a
 * "probable misread", scored below an exact read.
 */
export function foldOcrConfusions(key: string): string {
  return key.replace(/[OQ]/g, "0").replace(/[IL]/g, "1");
}

const isSkuShaped = (key: string) => key.length >= MIN_KEY_LENGTH && key.length <= MAX_KEY_LENGTH && /\d/.test(key);

function withoutLabel(key: string): string | null {
  for (const label of LABELS)
    if (key.startsWith(label) && key.length - label.length >= MIN_KEY_LENGTH) return key.slice(label.length);
  return null;
}

/**
 * Every 1–3 word window of each line whose key looks like a SKU (4–40 characters, a digit), and the
 * same with a glued label dropped; one token per key, with its best confidence.
 */
export function extractSkuTokens(reading: {
  text: string;
  words: readonly { text: string; confidence: number }[];
}): SkuToken[] {
  const confidenceOf = new Map<string, number>();
  for (const w of reading.words) {
    const key = normalizeSkuKey(w.text.replace(EDGE_PUNCTUATION, ""));
    if (!key) continue;
    const c = Number.isFinite(w.confidence) ? Math.min(1, Math.max(0, w.confidence)) : DEFAULT_CONFIDENCE;
    confidenceOf.set(key, Math.max(confidenceOf.get(key) ?? 0, c));
  }
  const tokens = new Map<string, SkuToken>();
  const add = (key: string, text: string, confidence: number) => {
    if (!isSkuShaped(key)) return;
    const prev = tokens.get(key);
    // The best read wins; on a tie the shortest text (the SKU itself rather than "REF" + SKU).
    if (!prev || prev.confidence < confidence || (prev.confidence === confidence && text.length < prev.text.length))
      tokens.set(key, { key, folded: foldOcrConfusions(key), text, confidence });
  };
  for (const line of reading.text.split(/\r?\n/)) {
    const words = line
      .split(WORD_SPLIT)
      .map((w) => w.replace(EDGE_PUNCTUATION, ""))
      .filter((w) => w !== "");
    for (let start = 0; start < words.length; start++)
      for (let n = 1; n <= MAX_WORDS && start + n <= words.length; n++) {
        const parts = words.slice(start, start + n);
        const text = parts.join(" ");
        const key = normalizeSkuKey(text);
        const known = parts.map((p) => confidenceOf.get(normalizeSkuKey(p))).filter((c) => c !== undefined);
        const confidence = reading.words.length === 0 || known.length === 0 ? DEFAULT_CONFIDENCE : Math.min(...known);
        add(key, text, confidence);
        const bare = withoutLabel(key);
        if (bare) add(bare, text, confidence);
      }
  }
  return [...tokens.values()];
}

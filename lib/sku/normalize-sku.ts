const PLAIN_ASCII = /^[\x20-\x7E]*$/;
const ASCII_SEPARATORS = /[-_.\s]+/g;
const MARKS = /\p{M}+/gu;
// Separators (any dash, whitespace, `_`, `.`) and invisible characters.
const SEPARATORS = /[\s_.\p{Pd}\p{Cc}\p{Cf}]+/gu;

/**
 * Comparison key for SKUs and filename prefixes: case-, accent- and separator-insensitive.
 * `vd24_0123`, `VD24-0123`, `VD 24.0123` → `VD240123`; `Çâm-01` → `CAM01`.
 * NFKD also folds compatibility forms (full-width `ＶＤ２４` → `VD24`).
 */
export function normalizeSkuKey(s: string): string {
  if (typeof s !== "string") return "";
  if (PLAIN_ASCII.test(s)) return s.replace(ASCII_SEPARATORS, "").toUpperCase();
  return s.normalize("NFKD").replace(MARKS, "").replace(SEPARATORS, "").toUpperCase().normalize("NFC");
}

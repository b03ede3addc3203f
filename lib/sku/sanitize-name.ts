// Longer names are not real filenames; capping bounds the work done per name.
const MAX_LENGTH = 512;
const PLAIN_ASCII = /^[\x20-\x7E]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITESPACE = /\s+/gu;
// Control + format characters (zero-width spaces, bidi marks, BOM, soft hyphen): invisible, never meaningful.
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;

/**
 * NFC-normalises, turns any whitespace run into one space, drops control/invisible characters and
 * trims. Never throws, whatever it is given (non-strings become "").
 */
export function sanitizeName(input: unknown): string {
  if (typeof input !== "string") return "";
  let s = input.length > MAX_LENGTH ? input.slice(0, MAX_LENGTH) : input;
  // Fast path: the overwhelming majority of names are printable ASCII.
  if (PLAIN_ASCII.test(s)) {
    s = s.trim();
    return s.includes("  ") ? s.replace(/ {2,}/g, " ") : s;
  }
  s = s.replace(LONE_SURROGATE, "").replace(WHITESPACE, " ").replace(INVISIBLE, "").normalize("NFC");
  return s.replace(/ {2,}/g, " ").trim();
}

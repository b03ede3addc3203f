/**
 * Sequence (angle/variation) suffix grammar, used when no SKU list is at hand.
 *
 * A sequence token is, case-insensitively:
 *   - 1–3 digits: `01`, `2`, `003` (4+ digits look like SKU parts: `VD24-0123`)
 *   - one letter: `A`, `B`
 *   - a view word, optionally followed by up to 2 digits: FRENTE, COSTAS, DETALHE2, …
 * Tokens follow the base after `_`, `-` or space (not `.`: `CAM.24.0456` uses dots inside SKUs).
 * Copy markers at the very end are also sequence: ` (2)`, `(2)`, ` - Cópia`, ` - Copy (3)`, ` copy 2`.
 * Any number of these may be chained: `_01_FRENTE`, `_FRENTE-2`, `_01 (2)`.
 */
export const VIEW_WORDS = [
  "FRENTE",
  "COSTAS",
  "COSTA",
  "DETALHE",
  "DETALHES",
  "LADO",
  "LATERAL",
  "PERFIL",
  "VERSO",
  "FRONT",
  "BACK",
  "SIDE",
  "DETAIL",
  "ZOOM",
  "CLOSE",
] as const;

const TOKEN = new RegExp(`^(?:\\d{1,3}|[A-Z]|(?:${VIEW_WORDS.join("|")})\\d{0,2})$`, "i");
const COPY_MARKER =
  /(?:\s*\(\d{1,3}\)|\s+-\s+(?:copy|c[oó]pia)(?:\s*\(\d{1,3}\))?|\s+(?:copy|c[oó]pia)(?:\s+\d{1,3})?)$/i;
// Last words that can end a copy marker; only then is the (end-anchored, slower) COPY_MARKER tried.
const COPY_TAIL = /^(?:copy|c[oó]pia|\d{1,3})$/i;
const MAX_TOKENS = 8;

const isTokenSeparator = (c: number) => c === 95 /* _ */ || c === 45 /* - */ || c === 32; /* space */

/** Index where the trailing sequence token of `s` starts (separator included), or null. */
function stripOne(s: string): number | null {
  // Hand-rolled scan for the last token: end-anchored regexes rescan from every position.
  let i = s.length;
  while (i > 0 && !isTokenSeparator(s.charCodeAt(i - 1))) i--;
  const token = s.slice(i);
  if (s.charCodeAt(s.length - 1) === 41 /* ) */ || COPY_TAIL.test(token)) {
    const copy = COPY_MARKER.exec(s);
    if (copy) return copy.index;
  }
  if (token === "" || !TOKEN.test(token)) return null;
  while (i > 0 && isTokenSeparator(s.charCodeAt(i - 1))) i--;
  return i;
}

function hasDigit(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export interface SequenceCut {
  /** Where the sequence starts in the stem (stem.length when there is none). */
  cut: number;
  /** The whole stem is sequence tokens (`01`, `FRENTE`, `1 (2)`): the SKU must come from the folder. */
  sequenceOnly: boolean;
}

/**
 * Finds where the sequence suffix starts. Guard: a cut is only kept while the base left in front
 * still contains a digit, so `AB-12` is not split into `AB` + `12` (SKU codes carry digits; a base
 * without any is more likely a broken split than a real SKU).
 */
export function findSequenceCut(stem: string): SequenceCut {
  const cuts: number[] = [];
  let end = stem.length;
  for (let n = 0; n < MAX_TOKENS && end > 0; n++) {
    const c = stripOne(end === stem.length ? stem : stem.slice(0, end));
    if (c === null || c >= end) break;
    cuts.push(c);
    end = c;
  }
  if (end === 0 && cuts.length > 0) return { cut: 0, sequenceOnly: true };
  let cut = stem.length;
  for (const c of cuts) {
    if (!hasDigit(stem, c)) break; // shorter prefixes cannot regain a digit
    cut = c;
  }
  return { cut, sequenceOnly: false };
}

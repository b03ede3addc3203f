/** `_ - . space` separate SKU parts and sequences; trimmed off both ends of sequences/prefixes. */
export function trimSeparators(s: string): string {
  return s.replace(/^[-_. ]+|[-_. ]+$/g, "");
}

export function trimTrailingSeparators(s: string): string {
  let end = s.length;
  while (end > 0 && isSeparatorCode(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `_ - . space`: dropped by the normalised key. */
export function isSeparatorCode(c: number): boolean {
  return c === 95 || c === 45 || c === 46 || c === 32;
}

/** Boundary characters for the prefix rule: `_ - . space (` (plus end of name). */
export function isBoundaryCode(c: number): boolean {
  return c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */ || c === 32 /* space */ || c === 40; /* ( */
}

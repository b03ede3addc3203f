import type { RawCell } from "./types";

const WS = /[\s\u00a0\u2007\u202f\u200b\ufeff]+/g;

// Anything beyond printable ASCII and Latin letters, or a double space, needs NFC + whitespace folding.
// Every character below U+0300 is already NFC (NFC_Quick_Check=Yes), so "Ação" is only trimmed;
// NBSP (U+00A0) and the C1 controls are left out of the range so they still fold.
const NEEDS_FOLD = /[^\x20-\x7e\u00a1-\u02ff]| {2}/;

/** Trim, collapse inner whitespace (incl. NBSP), NFC. Never evaluates anything. */
export function normalizeText(value: RawCell): string {
  if (typeof value === "number") return numberToPlainString(value);
  if (value.length === 0) return value;
  let s = value;
  if (NEEDS_FOLD.test(s)) s = s.normalize("NFC").replace(WS, " ");
  s = s.trim();
  // `="00123"` is the ERP/Excel idiom to keep leading zeros in CSV: unwrap the string constant only.
  if (s.charCodeAt(0) === 61 /* = */ && s.charCodeAt(1) === 34 /* " */) {
    const m = /^="([^"]*)"$/.exec(s);
    if (m) return m[1]!.trim();
  }
  return s;
}

/** True for cells that normalise to "" (cheap check, no allocation for the common cases). */
export function isEmptyCell(value: RawCell | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  if (value.length === 0) return true;
  const c0 = value.charCodeAt(0);
  if (c0 > 32 && c0 !== 160 && c0 !== 0x200b && c0 !== 0xfeff) return false;
  return normalizeText(value) === "";
}

/** Numbers without exponent or float noise: 7891234567890 → "7891234567890", 0.1+0.2 → "0.3". */
export function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return "";
  // String() only switches to exponent form at 1e21 for integers (Intl is ~50× slower, so avoid it).
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const rounded = Number(n.toPrecision(15));
  const s = String(rounded);
  if (!/e/i.test(s)) return s;
  return rounded.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

const PLAIN_INT = /^-?\d{1,15}$/;
const BR_DECIMAL = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$/;

/**
 * Brazilian-first number parsing: "1.234,56" → 1234.56, "12,5" → 12.5, "1.234" → 1234,
 * "R$ 99,90" → 99.9, "(10,00)" → -10. US style "1,234.56" also works (last separator = decimal).
 * Returns null for anything that is not a plain number (e.g. "=SOMA(A1)", "10 un").
 */
export function parseDecimal(value: RawCell): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  // Fast paths for the shapes 99% of BR cells have: "10", "-3", "1.234,56", "99,9".
  if (PLAIN_INT.test(value)) return Number(value);
  const br = BR_DECIMAL.exec(value);
  if (br) {
    const whole = br[2]!;
    return Number(`${br[1]}${whole.indexOf(".") < 0 ? whole : whole.replaceAll(".", "")}.${br[3]}`);
  }
  let s = value.replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^R\$/i, "").replace(/^([+-])R\$/i, "$1");
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return null;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the rightmost is the decimal separator, the other groups thousands.
    const [thousands, decimal] = lastComma > lastDot ? [".", ","] : [",", "."];
    const [intPart, frac] = [s.slice(0, Math.max(lastDot, lastComma)), s.slice(Math.max(lastDot, lastComma) + 1)];
    if (intPart.includes(decimal) || !validGroups(intPart, thousands)) return null;
    normalized = `${intPart.split(thousands).join("")}.${frac}`;
  } else if (lastComma >= 0) {
    const parts = s.split(",");
    if (parts.length === 2)
      normalized = `${parts[0]}.${parts[1]}`; // BR decimal comma
    else if (validGroups(s, ",")) normalized = parts.join("");
    else return null;
  } else if (lastDot >= 0) {
    const parts = s.split(".");
    // "1.234" / "1.234.567" read as BR thousands; "12.5" / "0.99" as a decimal point.
    if (parts.length > 2 || (parts[1]!.length === 3 && parts[0] !== "0" && parts[0] !== "")) {
      if (!validGroups(s, ".")) return parts.length === 2 ? Number(s) : null;
      normalized = parts.join("");
    } else normalized = s;
  } else normalized = s;
  if (normalized.startsWith(".")) normalized = `0${normalized}`;
  if (normalized.endsWith(".")) normalized = normalized.slice(0, -1);
  const n = Number(normalized);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  if (groups.length === 1) return true;
  if (!/^\d{1,3}$/.test(groups[0]!)) return false;
  for (let i = 1; i < groups.length; i++) if (!/^\d{3}$/.test(groups[i]!)) return false;
  return true;
}

/** Cell for a canonical field: numbers for numeric fields (null when unparsable), text otherwise. */
export function normalizeCell(value: RawCell, numeric: boolean): { value: string | number | null; invalid: boolean } {
  if (numeric && typeof value === "number")
    return Number.isFinite(value) ? { value, invalid: false } : { value: null, invalid: false };
  const text = normalizeText(value);
  if (text === "") return { value: null, invalid: false };
  if (!numeric) return { value: text, invalid: false };
  const n = parseDecimal(typeof value === "number" ? value : text);
  return n === null ? { value: null, invalid: true } : { value: n, invalid: false };
}

/** Key used to compare SKUs for duplicates: case-insensitive, whitespace collapsed, punctuation kept. */
export function skuKey(sku: string): string {
  if (/^[\x21-\x7e]*$/.test(sku)) return sku.toUpperCase();
  return sku.normalize("NFC").trim().replace(/\s+/g, " ").toUpperCase();
}

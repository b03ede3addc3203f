/**
 * Barcodes of the GTIN family (EAN-13, EAN-8, UPC-A, UPC-E, GTIN-14) as one comparable key, the
 * check digit validated. The key is the rule of the `vitrine_gtin_key` SQL function that indexes
 * the carteira's EAN (text_candidates migration): digits only, a UPC-A (12 digits) with the EAN-13
 * leading zero, a GTIN-14 with a leading zero as its EAN-13. Pure: no I/O.
 */

/** `value`'s digits as the carteira's EAN is keyed (same as SQL `vitrine_gtin_key`); null when none. */
export function gtinKey(value: string): string | null {
  const d = value.replace(/[^0-9]/g, "");
  if (d === "") return null;
  if (d.length === 12) return `0${d}`;
  if (d.length === 14 && d.startsWith("0")) return d.slice(1);
  return d;
}

/** GS1 mod-10: the last digit checks the others (weights 3,1,3,… from the right, check digit excluded). */
export function hasValidGtinCheckDigit(digits: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

/**
 * UPC-E (8 digits: number system, six data digits, check digit; or the six/seven data digits alone
 * as some decoders give them) expanded to its UPC-A, or null when it is not a UPC-E.
 */
export function expandUpcE(value: string): string | null {
  let d = value.replace(/[^0-9]/g, "");
  if (d.length === 6) d = `0${d}`;
  if (d.length !== 7 && d.length !== 8) return null;
  const ns = d[0]!;
  if (ns !== "0" && ns !== "1") return null;
  const [a, b, c, x, y, z] = d.slice(1, 7).split("") as [string, string, string, string, string, string];
  let body: string;
  if (z === "0" || z === "1" || z === "2") body = `${a}${b}${z}0000${c}${x}${y}`;
  else if (z === "3") body = `${a}${b}${c}00000${x}${y}`;
  else if (z === "4") body = `${a}${b}${c}${x}00000${y}`;
  else body = `${a}${b}${c}${x}${y}0000${z}`;
  const partial = `${ns}${body}`;
  const check = d.length === 8 ? d[7]! : checkDigitFor(partial);
  return `${partial}${check}`;
}

function checkDigitFor(withoutCheck: string): string {
  let sum = 0;
  for (let i = withoutCheck.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(withoutCheck[i]) * w;
  return String((10 - (sum % 10)) % 10);
}

const GTIN_FORMATS = new Set(["EAN13", "EAN8", "UPCA", "UPCE", "ITF14", "GTIN", "DATABAR", "DATABAREXPANDED"]);
const formatKey = (format: string) => format.toUpperCase().replace(/[^A-Z0-9]/g, "");

export type GtinRead =
  | { kind: "gtin"; key: string }
  /** A GTIN-shaped code whose check digit is wrong: a damaged or misread barcode, never matched. */
  | { kind: "damaged" }
  /** Not a GTIN (Code 128, QR…): its text may still name a SKU. */
  | { kind: "other" };

/**
 * What a decoded barcode is worth for the carteira's EAN. A GTIN format (EAN-13/8, UPC-A/E, ITF-14)
 * or an all-digit payload of 8/12/13/14 digits must pass its check digit.
 */
export function readGtin(code: { format: string; text: string }): GtinRead {
  const format = formatKey(code.format);
  const text = code.text.trim();
  const digitsOnly = /^\d+$/.test(text);
  if (format === "UPCE") {
    const upcA = expandUpcE(text);
    return upcA && hasValidGtinCheckDigit(upcA) ? { kind: "gtin", key: gtinKey(upcA)! } : { kind: "damaged" };
  }
  const isGtinFormat = GTIN_FORMATS.has(format);
  const isGtinShaped = digitsOnly && [8, 12, 13, 14].includes(text.length);
  if (!isGtinFormat && !isGtinShaped) return { kind: "other" };
  if (!digitsOnly || !hasValidGtinCheckDigit(text)) return isGtinFormat ? { kind: "damaged" } : { kind: "other" };
  return { kind: "gtin", key: gtinKey(text)! };
}

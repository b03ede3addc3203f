/** Display helpers of the AI screens (no React). */

/** US$ with enough digits for cents-or-less runs ("US$ 0,0042"), in the reader's locale. */
export function formatUsd(value: number, locale: string): string {
  const digits = value > 0 && value < 0.01 ? 4 : 2;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Seconds with one decimal, in the reader's locale ("1,2"). */
export function formatSeconds(ms: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(ms / 1000);
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
/** Below this spread between the strongest and weakest channel a colour reads as grey, white or black. */
const MIN_CHROMA = 40;

function chroma(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Math.max(...channels) - Math.min(...channels);
}

/**
 * The colour a catalog card shows as its dot: of the photo's dominant colours (most common first,
 * as the ingest stores them), the first that is not a neutral (studio backgrounds are white or
 * grey, so the garment is usually the first coloured one), else the most common. Anything that is
 * not a list of `#rrggbb` strings yields null: the value goes into a style attribute.
 */
export function dotColor(dominantColors: unknown): string | null {
  if (!Array.isArray(dominantColors)) return null;
  const colors = dominantColors.filter((c): c is string => typeof c === "string" && HEX_COLOR.test(c));
  if (colors.length === 0) return null;
  return (colors.find((c) => chroma(c) >= MIN_CHROMA) ?? colors[0]!).toLowerCase();
}

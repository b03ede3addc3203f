/** A barcode's corners in the image, as zxing-wasm reports its position. */
export type Quad = Record<"topLeft" | "topRight" | "bottomRight" | "bottomLeft", { x: number; y: number }>;

/** How far around a barcode's corners the blanked box reaches, as a share of the barcode's size. */
export const CODE_MARGIN = 0.08;

/**
 * Paints each barcode's box white (in place) on a one-channel image, so that OCR does not read its
 * bars as text: next to a barcode, tesseract's layout analysis took bars and text for one block and
 * lost the text lines above it (measured: 6 of 24 plain tags with a code lost their SKU line).
 * The box is the corners' bounding box grown by CODE_MARGIN on each side, clipped to the image.
 */
export function blankCodes(grey: Uint8Array, width: number, height: number, quads: readonly Quad[]): void {
  for (const quad of quads) {
    const corners = [quad.topLeft, quad.topRight, quad.bottomRight, quad.bottomLeft];
    const xs = corners.map((c) => c.x);
    const ys = corners.map((c) => c.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const margin = Math.ceil(CODE_MARGIN * Math.max(maxX - minX, maxY - minY));
    const x0 = Math.max(0, Math.floor(minX) - margin);
    const x1 = Math.min(width - 1, Math.ceil(maxX) + margin);
    const y0 = Math.max(0, Math.floor(minY) - margin);
    const y1 = Math.min(height - 1, Math.ceil(maxY) + margin);
    if (!(x0 <= x1 && y0 <= y1)) continue;
    for (let y = y0; y <= y1; y++) grey.fill(255, y * width + x0, y * width + x1 + 1);
  }
}

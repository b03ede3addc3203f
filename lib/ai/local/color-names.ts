/**
 * Colour names in the carteira's words (pt-BR, upper case) for sRGB colours: the nearest entry of a
 * small fashion palette by CIEDE2000 colour difference in CIELAB (D65), which follows how far apart
 * people see two colours far better than a distance in RGB (a dark navy and a black are close in
 * RGB, a navy and a royal blue are not). The palette values are typical swatches of each name.
 */

export type Lab = { l: number; a: number; b: number };

/** The palette: name → a typical swatch (#rrggbb). Order only breaks exact ties. */
export const FASHION_PALETTE: readonly { name: string; hex: string }[] = [
  { name: "PRETO", hex: "#151515" },
  { name: "GRAFITE", hex: "#3d4045" },
  { name: "CINZA", hex: "#8a8a8a" },
  { name: "CINZA CLARO", hex: "#c6c6c6" },
  { name: "BRANCO", hex: "#fafafa" },
  { name: "OFF WHITE", hex: "#eee8da" },
  { name: "BEGE", hex: "#d6c1a0" },
  { name: "CAQUI", hex: "#a8996f" },
  { name: "CARAMELO", hex: "#b06a2c" },
  { name: "MARROM", hex: "#5c3a24" },
  { name: "AZUL MARINHO", hex: "#1e2a46" },
  { name: "AZUL", hex: "#2d5fb4" },
  { name: "AZUL CLARO", hex: "#94bde0" },
  { name: "TURQUESA", hex: "#2fb4ae" },
  { name: "VERDE ÁGUA", hex: "#a3dccd" },
  { name: "VERDE", hex: "#2f8a4e" },
  { name: "VERDE MILITAR", hex: "#4b5323" },
  { name: "VERMELHO", hex: "#c42626" },
  { name: "VINHO", hex: "#6b1e2e" },
  { name: "TERRACOTA", hex: "#b95b3c" },
  { name: "CORAL", hex: "#f27b68" },
  { name: "ROSA", hex: "#f1a9bd" },
  { name: "PINK", hex: "#e3368a" },
  { name: "LILÁS", hex: "#c6a3cb" },
  { name: "ROXO", hex: "#683c97" },
  { name: "AMARELO", hex: "#f3d232" },
  { name: "MOSTARDA", hex: "#c79f26" },
  { name: "LARANJA", hex: "#f58a1f" },
];

/** `#rrggbb` (or `rrggbb`, or `#rgb`) → [r, g, b] 0–255; null when it is not a colour. */
export function parseHex(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** sRGB (0–255) → CIELAB under D65 (IEC 61966-2-1 transfer curve, CIE 1976 L*a*b*). */
export function srgbToLab(r: number, g: number, b: number): Lab {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)];
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
  const y = 0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

const deg = (rad: number) => (rad * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/** CIEDE2000 colour difference (kL = kC = kH = 1). ~1 is barely visible, > 10 clearly another colour. */
export function deltaE2000(p: Lab, q: Lab): number {
  const c1 = Math.hypot(p.a, p.b);
  const c2 = Math.hypot(q.a, q.b);
  const cMean = (c1 + c2) / 2;
  const g = 0.5 * (1 - Math.sqrt(cMean ** 7 / (cMean ** 7 + 25 ** 7)));
  const a1 = (1 + g) * p.a;
  const a2 = (1 + g) * q.a;
  const c1p = Math.hypot(a1, p.b);
  const c2p = Math.hypot(a2, q.b);
  const hue = (b: number, a: number) => {
    if (a === 0 && b === 0) return 0;
    const h = deg(Math.atan2(b, a));
    return h < 0 ? h + 360 : h;
  };
  const h1 = hue(p.b, a1);
  const h2 = hue(q.b, a2);
  const dL = q.l - p.l;
  const dC = c2p - c1p;
  let dh = 0;
  if (c1p * c2p !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin(rad(dh / 2));
  const lMean = (p.l + q.l) / 2;
  const cpMean = (c1p + c2p) / 2;
  let hMean = h1 + h2;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1 - h2) <= 180) hMean = (h1 + h2) / 2;
    else hMean = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos(rad(hMean - 30)) +
    0.24 * Math.cos(rad(2 * hMean)) +
    0.32 * Math.cos(rad(3 * hMean + 6)) -
    0.2 * Math.cos(rad(4 * hMean - 63));
  const sl = 1 + (0.015 * (lMean - 50) ** 2) / Math.sqrt(20 + (lMean - 50) ** 2);
  const sc = 1 + 0.045 * cpMean;
  const sh = 1 + 0.015 * cpMean * t;
  const dTheta = 30 * Math.exp(-(((hMean - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cpMean ** 7 / (cpMean ** 7 + 25 ** 7));
  const rt = -Math.sin(rad(2 * dTheta)) * rc;
  return Math.sqrt((dL / sl) ** 2 + (dC / sc) ** 2 + (dH / sh) ** 2 + rt * (dC / sc) * (dH / sh));
}

const PALETTE_LAB = FASHION_PALETTE.map((entry) => {
  const [r, g, b] = parseHex(entry.hex)!;
  return { name: entry.name, lab: srgbToLab(r, g, b) };
});

/** The palette name nearest to a colour, and how far it is (CIEDE2000); null for a malformed colour. */
export function nearestColorName(hex: string): { name: string; deltaE: number; lab: Lab } | null {
  const rgb = parseHex(hex);
  if (!rgb) return null;
  const lab = srgbToLab(...rgb);
  let best = PALETTE_LAB[0]!;
  let bestDistance = Infinity;
  for (const entry of PALETTE_LAB) {
    const distance = deltaE2000(lab, entry.lab);
    if (distance < bestDistance) {
      best = entry;
      bestDistance = distance;
    }
  }
  return { name: best.name, deltaE: bestDistance, lab };
}

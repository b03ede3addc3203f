/**
 * The AI part of a photo's API answer (detail or list item), read defensively: every field the run
 * engine adds (contract of H3: aiTipoPeca, aiStyle, aiSecondaryColors, aiConfidence, aiManualFields,
 * aiDivergences, aiSource, aiModel, aiAnalyzedAt, aiError, aiErrorCode, items) with a neutral value
 * when an answer lacks it, so one view works for every screen that shows a photo.
 */
export type BoundingBox = { x: number; y: number; width: number; height: number };

export type ImagePiece = {
  position: number;
  description: string | null;
  category: string | null;
  color: string | null;
  material: string | null;
  boundingBox: BoundingBox | null;
  confidence: number | null;
};

export type ImageAiView = {
  description: string | null;
  tags: string[];
  color: string | null;
  secondaryColors: string[];
  tipoPeca: string | null;
  material: string | null;
  style: string | null;
  /** 0–1 per reply field: descricao, tags, cor, material, tipo_peca, estilo. */
  confidence: Record<string, number>;
  manualFields: string[];
  divergences: string[];
  source: "model" | "local" | null;
  model: string | null;
  analyzedAt: string | null;
  error: string | null;
  errorCode: string | null;
  pieces: ImagePiece[];
};

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

function box(value: unknown): BoundingBox | null {
  if (!value || typeof value !== "object") return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const parts = [num(x), num(y), num(width), num(height)];
  if (parts.some((part) => part === null)) return null;
  const [bx, by, bw, bh] = parts.map((part) => Math.min(1, Math.max(0, part as number))) as [
    number,
    number,
    number,
    number,
  ];
  return bw > 0 && bh > 0 ? { x: bx, y: by, width: Math.min(bw, 1 - bx), height: Math.min(bh, 1 - by) } : null;
}

function pieces(value: unknown): ImagePiece[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((row): row is Record<string, unknown> => !!row && typeof row === "object")
    .map((row, index) => ({
      position: num(row.position) ?? index,
      description: str(row.description),
      category: str(row.category),
      color: str(row.color),
      material: str(row.material),
      boundingBox: box(row.boundingBox),
      confidence: num(row.confidence),
    }))
    .sort((a, b) => a.position - b.position);
}

function confidence(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object") return {};
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const n = num(raw);
    if (n !== null) out[key === "tipo" ? "tipo_peca" : key] = Math.min(1, Math.max(0, n));
  }
  return out;
}

export function imageAiView(image: object): ImageAiView {
  const row = image as Record<string, unknown>;
  const source = row.aiSource;
  return {
    description: str(row.aiDescription),
    tags: strings(row.aiTags),
    color: str(row.aiColor),
    secondaryColors: strings(row.aiSecondaryColors),
    tipoPeca: str(row.aiTipoPeca),
    material: str(row.aiMaterial),
    style: str(row.aiStyle),
    confidence: confidence(row.aiConfidence),
    manualFields: strings(row.aiManualFields),
    divergences: strings(row.aiDivergences),
    source: source === "model" || source === "local" ? source : null,
    model: str(row.aiModel),
    analyzedAt: str(row.aiAnalyzedAt),
    error: str(row.aiError),
    errorCode: str(row.aiErrorCode),
    pieces: pieces(row.items),
  };
}

import { AI_FIELD_COLUMNS, MAX_PIECES, type AiColumn, type VisionField } from "@/lib/ai/fields";
import type { BoundingBox, VisionReply } from "@/lib/ai/vision-schema";

/** The AI columns of a photo as stored (what a plan starts from). */
export type StoredAiColumns = {
  aiDescription: string | null;
  aiTags: string[];
  aiColor: string | null;
  aiSecondaryColors: string[];
  aiTipoPeca: string | null;
  aiMaterial: string | null;
  aiStyle: string | null;
  aiManualFields: string[];
  aiConfidence: unknown;
};

export type PlannedPiece = {
  position: number;
  category: string | null;
  color: string | null;
  material: string | null;
  description: string | null;
  boundingBox: BoundingBox | null;
  confidence: number | null;
};

export type AnalysisWritePlan = {
  /** Only AI columns of the requested fields (never a carteira column: Product is not in here). */
  columns: Partial<Record<AiColumn, string | string[] | null>>;
  aiManualFields: string[];
  aiConfidence: Record<string, number | null>;
  /** The photo's ImageItem rows after the write; null: leave them as they are. */
  pieces: PlannedPiece[] | null;
  warnings: string[];
  /** The photo's AI values after the write, as a reply: what divergences and SKU suggestions judge. */
  effective: VisionReply;
};

const FIELD_LABELS: Record<VisionField, string> = {
  descricao: "Descrição",
  tags: "Tags",
  cor: "Cor",
  tipo: "Tipo",
  material: "Material",
  estilo: "Estilo",
  pecas: "Peças",
};

/** The reply's confidence key of each field (the model answers `tipo_peca` for the field `tipo`). */
const CONFIDENCE_KEY = {
  descricao: "descricao",
  tags: "tags",
  cor: "cor",
  tipo: "tipo_peca",
  material: "material",
  estilo: "estilo",
} as const satisfies Record<Exclude<VisionField, "pecas">, keyof VisionReply["confianca"]>;

function replyValue(reply: VisionReply, column: AiColumn): string | string[] | null {
  switch (column) {
    case "aiDescription":
      return reply.descricao;
    case "aiTags":
      return reply.tags;
    case "aiColor":
      return reply.cor;
    case "aiSecondaryColors":
      return reply.cores_secundarias;
    case "aiTipoPeca":
      return reply.tipo_peca;
    case "aiMaterial":
      return reply.material;
    case "aiStyle":
      return reply.estilo;
  }
}

const isEmpty = (value: string | string[] | null) =>
  value === null || (Array.isArray(value) ? value.length === 0 : value.trim() === "");

/**
 * Field separation, decided in one pure function: which AI columns an analysis writes. Only the
 * columns of the requested fields (AI_FIELD_COLUMNS); a column a person edited (aiManualFields) is
 * kept — with a warning — unless the run was started with "sobrescrever edições manuais", and then
 * it stops being manual; an answer with no value for a field (null, empty: the local analyser fills
 * only colours) leaves the stored value alone rather than erasing it. `pecas` replaces the pieces
 * (at most MAX_PIECES, positions 1..n) when the answer has any.
 */
export function planAnalysisWrite(input: {
  reply: VisionReply;
  fields: readonly VisionField[];
  overwriteManual: boolean;
  stored: StoredAiColumns;
  storedPieces: PlannedPiece[];
}): AnalysisWritePlan {
  const { reply, fields, overwriteManual, stored } = input;
  const columns: AnalysisWritePlan["columns"] = {};
  const manual = new Set(stored.aiManualFields);
  const warnings: string[] = [];
  const confidence: Record<string, number | null> =
    stored.aiConfidence && typeof stored.aiConfidence === "object" && !Array.isArray(stored.aiConfidence)
      ? { ...(stored.aiConfidence as Record<string, number | null>) }
      : {};
  for (const field of fields) {
    if (field === "pecas") continue;
    let wrote = false;
    for (const column of AI_FIELD_COLUMNS[field] as readonly AiColumn[]) {
      const value = replyValue(reply, column);
      if (isEmpty(value)) continue;
      if (manual.has(column) && !overwriteManual) {
        if (!warnings.some((w) => w.startsWith(`${FIELD_LABELS[field]}:`)))
          warnings.push(`${FIELD_LABELS[field]}: editado à mão: mantido.`);
        continue;
      }
      manual.delete(column);
      columns[column] = value;
      wrote = true;
    }
    if (wrote) confidence[CONFIDENCE_KEY[field]] = reply.confianca[CONFIDENCE_KEY[field]];
  }
  let pieces: PlannedPiece[] | null = null;
  if (fields.includes("pecas") && reply.pecas.length > 0) {
    pieces = reply.pecas.slice(0, MAX_PIECES).map((p, i) => ({
      position: i + 1,
      category: p.tipo_peca,
      color: p.cor,
      material: p.material,
      description: p.descricao,
      boundingBox: p.bbox,
      confidence: p.confianca,
    }));
    if (reply.pecas.length > MAX_PIECES)
      warnings.push(`${reply.pecas.length} peças detectadas: mantidas ${MAX_PIECES}.`);
  }
  const after = <T>(column: AiColumn, current: T): T => (column in columns ? (columns[column] as T) : current);
  const finalPieces = pieces ?? input.storedPieces;
  const effective: VisionReply = {
    descricao: after("aiDescription", stored.aiDescription),
    tags: after("aiTags", stored.aiTags),
    cor: after("aiColor", stored.aiColor),
    cores_secundarias: after("aiSecondaryColors", stored.aiSecondaryColors),
    material: after("aiMaterial", stored.aiMaterial),
    tipo_peca: after("aiTipoPeca", stored.aiTipoPeca),
    estilo: after("aiStyle", stored.aiStyle),
    confianca: {
      descricao: confidence.descricao ?? null,
      tags: confidence.tags ?? null,
      cor: confidence.cor ?? null,
      material: confidence.material ?? null,
      tipo_peca: confidence.tipo_peca ?? null,
      estilo: confidence.estilo ?? null,
    },
    pecas: finalPieces.map((p) => ({
      tipo_peca: p.category,
      cor: p.color,
      material: p.material,
      descricao: p.description,
      confianca: p.confidence,
      bbox: p.boundingBox,
    })),
  };
  return { columns, aiManualFields: [...manual], aiConfidence: confidence, pieces, warnings, effective };
}

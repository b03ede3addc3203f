/**
 * What an AI vision run may write, as the user picks it in the run modal and the API takes it in
 * `fields`. Each field owns AI columns of Image (and `pecas` the ImageItem rows); nothing here names a
 * carteira column, which is how field separation is kept where results are written (lib/ai/runs).
 */
export const VISION_FIELDS = ["descricao", "tags", "cor", "tipo", "material", "estilo", "pecas"] as const;
export type VisionField = (typeof VISION_FIELDS)[number];

/**
 * Every field a run can be asked for: the vision fields, `texto` (the text and barcodes on the photo,
 * read by OCR, and the SKU candidates they give) and `conteudo` (AI content: title, description,
 * hashtags, key points). Each is a step of a photo's turn (lib/ai/runs/item-steps.ts).
 */
export const AI_FIELDS = [...VISION_FIELDS, "texto", "conteudo"] as const;
export type AiField = (typeof AI_FIELDS)[number];

/** What a run does unless told: everything but the content, which is written on request. */
export const DEFAULT_AI_FIELDS: readonly AiField[] = AI_FIELDS.filter((f) => f !== "conteudo");

export function isVisionField(field: AiField): field is VisionField {
  return (VISION_FIELDS as readonly string[]).includes(field);
}

/** The vision fields among a run's fields (the vision step runs when there is any). */
export function visionFieldsOf(fields: readonly AiField[]): VisionField[] {
  return fields.filter(isVisionField);
}

/** The Image columns each field writes; `aiManualFields` holds these names for a person's edits. */
export const AI_FIELD_COLUMNS = {
  descricao: ["aiDescription"],
  tags: ["aiTags"],
  cor: ["aiColor", "aiSecondaryColors"],
  tipo: ["aiTipoPeca"],
  material: ["aiMaterial"],
  estilo: ["aiStyle"],
  pecas: [],
} as const satisfies Record<VisionField, readonly string[]>;

export type AiColumn = (typeof AI_FIELD_COLUMNS)[VisionField][number];

/** Multi-piece detection keeps at most this many pieces per photo (seed 000). */
export const MAX_PIECES = 4;

/** Where an analysis came from: the vision model, or the embedded local analyser ("análise local"). */
export type AiSource = "model" | "local";

/**
 * What an AI vision run may write, as the user picks it in the run modal and the API takes it in
 * `fields`. Each field owns AI columns of Image (and `pecas` the ImageItem rows); nothing here names a
 * carteira column, which is how field separation is kept where results are written (lib/ai/runs).
 */
export const AI_FIELDS = ["descricao", "tags", "cor", "tipo", "material", "estilo", "pecas"] as const;
export type AiField = (typeof AI_FIELDS)[number];

/** The Image columns each field writes; `aiManualFields` holds these names for a person's edits. */
export const AI_FIELD_COLUMNS = {
  descricao: ["aiDescription"],
  tags: ["aiTags"],
  cor: ["aiColor", "aiSecondaryColors"],
  tipo: ["aiTipoPeca"],
  material: ["aiMaterial"],
  estilo: ["aiStyle"],
  pecas: [],
} as const satisfies Record<AiField, readonly string[]>;

export type AiColumn = (typeof AI_FIELD_COLUMNS)[AiField][number];

/** Multi-piece detection keeps at most this many pieces per photo (seed 000). */
export const MAX_PIECES = 4;

/** Where an analysis came from: the vision model, or the embedded local analyser ("análise local"). */
export type AiSource = "model" | "local";

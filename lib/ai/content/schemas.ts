import { z } from "zod";
import { imageFilterShape, imageIdListParamSchema } from "@/lib/images/schemas";

/**
 * AI content (e-commerce texts of a photo or a product) — shared by the API, the server actions,
 * the prompt and the browser. `descricao` here is the e-commerce description written for selling;
 * the vision's `Image.aiDescription` is the *visual* description of the photo: they are distinct.
 */

/** Longest feedback the API takes; above it the request is refused (CONTENT_FEEDBACK_TOO_LONG), never cut silently. */
export const FEEDBACK_MAX_LENGTH = 2_000;
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 5_000;
export const MAX_HASHTAGS = 15;
export const MAX_KEY_POINTS = 8;
export const ITEM_MAX_LENGTH = 200;

export const CONTENT_TONES = ["neutro", "descontraido", "sofisticado", "tecnico"] as const;
export type ContentTone = (typeof CONTENT_TONES)[number];
export const CONTENT_LENGTHS = ["curto", "medio", "longo"] as const;
export type ContentLength = (typeof CONTENT_LENGTHS)[number];

export const CONTENT_ORIGINS = ["GENERATED", "REFINED", "EDITED", "RESTORED", "BULK"] as const;
export type ContentOriginName = (typeof CONTENT_ORIGINS)[number];

/**
 * What the model answers (structured output; every key required). Bounds are generous so a
 * slightly long reply is trimmed by normaliseContentReply rather than failing the call.
 */
export const contentReplySchema = z.object({
  titulo: z.string(),
  descricao: z.string(),
  hashtags: z.array(z.string()),
  pontos_chave: z.array(z.string()),
});
export type ContentReply = z.infer<typeof contentReplySchema>;

/** The four fields as stored and shown. */
export type ContentFields = { titulo: string; descricao: string; hashtags: string[]; pontosChave: string[] };

const feedbackSchema = z
  .string()
  .trim()
  .max(FEEDBACK_MAX_LENGTH, `O pedido de ajuste tem no máximo ${FEEDBACK_MAX_LENGTH} caracteres.`);

/** POST …/content: `{feedback?}` — without feedback a fresh generation, with it a refinement of the current version. */
export const generateContentInputSchema = z.strictObject({ feedback: z.string().optional() });
export type GenerateContentInput = { feedback?: string };

/** The feedback, checked apart so a too-long one gets its own code (details.max). */
export function checkFeedback(raw: string | undefined): { ok: true; feedback: string | null } | { ok: false } {
  if (raw === undefined) return { ok: true, feedback: null };
  const parsed = feedbackSchema.safeParse(raw);
  if (!parsed.success) return { ok: false };
  return { ok: true, feedback: parsed.data === "" ? null : parsed.data };
}

const hashtagSchema = z.string().trim().min(1).max(ITEM_MAX_LENGTH);

/** PATCH …/content: an edit in place of any of the four fields (an edit is a new version). */
export const editContentInputSchema = z
  .strictObject({
    titulo: z.string().trim().min(1, "Informe o título.").max(TITLE_MAX_LENGTH).optional(),
    descricao: z.string().trim().min(1, "Informe a descrição.").max(DESCRIPTION_MAX_LENGTH).optional(),
    hashtags: z.array(hashtagSchema).max(MAX_HASHTAGS).optional(),
    pontosChave: z.array(z.string().trim().min(1).max(ITEM_MAX_LENGTH)).max(MAX_KEY_POINTS).optional(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), "Nada a editar.");
export type EditContentInput = z.infer<typeof editContentInputSchema>;

/** A brand's content settings (Configurações → Conteúdo). */
export const brandContentSettingsInputSchema = z.strictObject({
  brandId: z.uuid(),
  tone: z.enum(CONTENT_TONES),
  length: z.enum(CONTENT_LENGTHS),
});

// Answers of the content API (lib/queries/types.ts infers the browser's types from these).
export const contentVersionSchema = z.strictObject({
  version: z.number().int().positive(),
  titulo: z.string(),
  descricao: z.string(),
  hashtags: z.array(z.string()),
  pontosChave: z.array(z.string()),
  origin: z.enum(CONTENT_ORIGINS),
  feedback: z.string().nullable(),
  basedOnVersion: z.number().int().nullable(),
  createdBy: z.strictObject({ id: z.uuid(), name: z.string().nullable(), email: z.string() }).nullable(),
  model: z.string().nullable(),
  tokensIn: z.number().int(),
  tokensOut: z.number().int(),
  costUsd: z.number(),
  durationMs: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
export type ContentVersionView = z.infer<typeof contentVersionSchema>;

/** GET …/content/versions (newest first) and the answer of every write. */
export const contentStateSchema = z.strictObject({
  currentVersion: z.number().int().nullable(),
  isManual: z.boolean(),
  versions: z.array(contentVersionSchema),
});
export type ContentState = z.infer<typeof contentStateSchema>;

/** Most ids an export by selection may name (a bigger one is a filter selection, as in the bulk bar). */
export const CONTENT_EXPORT_MAX_IDS = 1_000;

/**
 * GET /api/v1/export/content: the catalog's own filters (lib/images/schemas.ts), or `imageIds`
 * (comma-separated) for a selection — not both.
 */
export const contentExportQuerySchema = z
  .strictObject({
    ...imageFilterShape,
    imageIds: imageIdListParamSchema(CONTENT_EXPORT_MAX_IDS).optional(),
  })
  .refine(
    ({ imageIds, ...filter }) => imageIds === undefined || Object.values(filter).every((v) => v === undefined),
    "Use imageIds ou os filtros do catálogo, não os dois.",
  );
export type ContentExportQuery = z.infer<typeof contentExportQuerySchema>;

import { z } from "zod";
import { MAX_PIECES } from "./fields";

/**
 * The vision model's answer. `visionReplySchema` is what the model is asked for (the JSON schema of
 * the structured-output response format: every field required and nullable, at most MAX_PIECES
 * pieces). `parseVisionReply` validates what actually came back — from a schema-aware server or a
 * JSON-mode one — more leniently where that loses nothing: extra pieces are cut to MAX_PIECES with
 * a warning, out-of-range confidences and boxes are clamped. Anything else that does not fit is an
 * `invalid_reply` error for that photo, never written.
 */
const confidence = z.number().min(0).max(1).nullable();
const text = (max: number) => z.string().max(max).nullable();

export const boundingBoxSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().min(0).max(1),
  height: z.number().min(0).max(1),
});
export type BoundingBox = z.infer<typeof boundingBoxSchema>;

export const visionPieceSchema = z.object({
  tipo_peca: text(120),
  cor: text(80),
  material: text(120),
  descricao: text(1000),
  confianca: confidence,
  bbox: boundingBoxSchema.nullable(),
});

export const visionReplySchema = z.object({
  descricao: text(4000),
  tags: z.array(z.string().max(60)).max(30),
  cor: text(80),
  cores_secundarias: z.array(z.string().max(80)).max(5),
  material: text(120),
  tipo_peca: text(120),
  estilo: text(120),
  confianca: z.object({
    descricao: confidence,
    tags: confidence,
    cor: confidence,
    material: confidence,
    tipo_peca: confidence,
    estilo: confidence,
  }),
  pecas: z.array(visionPieceSchema).max(MAX_PIECES),
});
export type VisionReply = z.infer<typeof visionReplySchema>;
export type VisionPiece = z.infer<typeof visionPieceSchema>;

/** A reply checked and normalised, with what was adjusted on the way (shown in the run log). */
export type ParsedVisionReply = { reply: VisionReply; warnings: string[] };

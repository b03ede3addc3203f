import { z } from "zod";
import { AiCallError } from "./errors";
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

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Models in JSON mode sometimes wrap the object in a Markdown fence; the JSON inside is what counts. */
function jsonFromText(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  try {
    return JSON.parse(fenced ? fenced[1]! : text);
  } catch {
    throw new AiCallError(
      "invalid_reply",
      "A resposta do modelo não é um JSON válido; nada foi gravado para esta foto.",
    );
  }
}

/** Out-of-range confidences become the nearest bound; non-numbers are left for the schema to reject. */
function clampConfidence(value: unknown, adjusted: { count: number }): unknown {
  if (typeof value !== "number") return value;
  if (Number.isNaN(value)) return null;
  const clamped = clamp01(value);
  if (clamped !== value) adjusted.count += 1;
  return clamped;
}

/** A box is kept inside the photo: each value in 0–1 and the box no wider/taller than what is left; null when empty. */
function clampBox(value: unknown, adjusted: { count: number }): unknown {
  if (!isRecord(value)) return value;
  const { x, y, width, height } = value;
  if (![x, y, width, height].every((n) => typeof n === "number" && Number.isFinite(n))) return value;
  const cx = clamp01(x as number);
  const cy = clamp01(y as number);
  const box = {
    x: cx,
    y: cy,
    width: Math.min(clamp01(width as number), 1 - cx),
    height: Math.min(clamp01(height as number), 1 - cy),
  };
  if (box.x !== x || box.y !== y || box.width !== width || box.height !== height) adjusted.count += 1;
  // Nothing left of it inside the photo (e.g. pixel coordinates): no box rather than a wrong one.
  return box.width > 0 && box.height > 0 ? box : null;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeIssues(error: z.ZodError, candidate: unknown): string {
  const missing = new Set<string>();
  const wrong = new Set<string>();
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "(resposta)";
    if (valueAt(candidate, issue.path) === undefined) missing.add(path);
    else wrong.add(path);
  }
  const parts = [];
  if (missing.size > 0) parts.push(`campos ausentes: ${[...missing].slice(0, 8).join(", ")}`);
  if (wrong.size > 0) parts.push(`campos fora do formato: ${[...wrong].slice(0, 8).join(", ")}`);
  return `A resposta do modelo está incompleta ou fora do formato (${parts.join("; ")}); nada foi gravado para esta foto.`;
}

/**
 * Checks a reply — the message content as text, or already parsed — against visionReplySchema after
 * the lenient fixes described above. Throws AiCallError("invalid_reply") with a pt-BR reason.
 */
export function parseVisionReply(raw: unknown): ParsedVisionReply {
  const value = typeof raw === "string" ? jsonFromText(raw) : raw;
  if (!isRecord(value)) {
    throw new AiCallError(
      "invalid_reply",
      "A resposta do modelo não é um objeto JSON; nada foi gravado para esta foto.",
    );
  }
  const warnings: string[] = [];
  const adjusted = { count: 0 };
  const candidate: Record<string, unknown> = { ...value };
  if (isRecord(candidate.confianca)) {
    candidate.confianca = Object.fromEntries(
      Object.entries(candidate.confianca).map(([field, c]) => [field, clampConfidence(c, adjusted)]),
    );
  }
  if (Array.isArray(candidate.pecas)) {
    let pieces: unknown[] = candidate.pecas;
    if (pieces.length > MAX_PIECES) {
      warnings.push(`${pieces.length} peças detectadas: mantidas ${MAX_PIECES}`);
      pieces = pieces.slice(0, MAX_PIECES);
    }
    candidate.pecas = pieces.map((piece) =>
      isRecord(piece)
        ? { ...piece, confianca: clampConfidence(piece.confianca, adjusted), bbox: clampBox(piece.bbox, adjusted) }
        : piece,
    );
  }
  if (adjusted.count > 0) warnings.push(`${adjusted.count} valor(es) de confiança ou caixa fora de 0–1 ajustado(s)`);
  const result = visionReplySchema.safeParse(candidate);
  if (!result.success) throw new AiCallError("invalid_reply", describeIssues(result.error, candidate));
  return { reply: result.data, warnings };
}

import { AiCallError } from "@/lib/ai/errors";
import {
  DESCRIPTION_MAX_LENGTH,
  ITEM_MAX_LENGTH,
  MAX_HASHTAGS,
  MAX_KEY_POINTS,
  TITLE_MAX_LENGTH,
  contentReplySchema,
  type ContentFields,
} from "./schemas";
import { ContentReplyError } from "./content-reply-error";

/** A hashtag as stored: `#` first, no spaces inside, no repeated `#`. */
export function normaliseHashtag(raw: string): string | null {
  const word = raw.trim().replace(/^#+/, "").replace(/\s+/g, "");
  return word ? `#${word.slice(0, ITEM_MAX_LENGTH - 1)}` : null;
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * The model's reply (JSON text) as the four fields, checked with zod: not JSON or a missing key →
 * invalid_reply; an empty description → ContentReplyError("empty") (the previous version is
 * kept); too many hashtags / key points or over-long texts are cut, with a warning.
 */
export function parseContentReply(text: string): { fields: ContentFields; warnings: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AiCallError("invalid_reply", "A resposta do modelo não é JSON.");
  }
  const parsed = contentReplySchema.safeParse(json);
  if (!parsed.success)
    throw new AiCallError(
      "invalid_reply",
      `A resposta do modelo não tem o formato do conteúdo (${parsed.error.issues
        .slice(0, 3)
        .map((i) => i.path.join(".") || i.message)
        .join(", ")}).`,
    );
  const reply = parsed.data;
  const descricao = reply.descricao.trim();
  if (descricao === "") throw new ContentReplyError("empty", "O modelo devolveu uma descrição vazia.");
  const warnings: string[] = [];
  const hashtags = [...new Set(reply.hashtags.map(normaliseHashtag).filter((h): h is string => h !== null))];
  const points = reply.pontos_chave.map((p) => p.trim()).filter(Boolean);
  if (hashtags.length > MAX_HASHTAGS)
    warnings.push(`${hashtags.length} hashtags: mantidas as ${MAX_HASHTAGS} primeiras.`);
  if (points.length > MAX_KEY_POINTS)
    warnings.push(`${points.length} pontos-chave: mantidos os ${MAX_KEY_POINTS} primeiros.`);
  const titulo = reply.titulo.trim() || descricao.split(/[.!?\n]/)[0]!.slice(0, 80);
  return {
    fields: {
      titulo: clip(titulo, TITLE_MAX_LENGTH),
      descricao: clip(descricao, DESCRIPTION_MAX_LENGTH),
      hashtags: hashtags.slice(0, MAX_HASHTAGS),
      pontosChave: points.slice(0, MAX_KEY_POINTS).map((p) => clip(p, ITEM_MAX_LENGTH)),
    },
    warnings,
  };
}

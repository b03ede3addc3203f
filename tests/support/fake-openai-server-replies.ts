/**
 * What the fake OpenAI server answers to one chat completion, decided from the request alone (so a
 * test knows in advance what a photo will get): the photo's data block (`<dados>{json}</dados>`,
 * lib/ai/provider/prompt.ts) gives the file name, vocabulary and requested fields; markers in the
 * file name choose faults (`falha-500`, `pendura`, `nao-json`, `sem-campos`, `nove-pecas` …) or
 * values (`cor-vermelho`, `tipo-vestido`).
 */
import { createHash } from "node:crypto";

export type FakeFault =
  | { kind: "status"; status: number; retryAfterSeconds?: number; code?: string; message?: string; times?: number }
  | { kind: "hang"; times?: number }
  | { kind: "not_json"; times?: number }
  | { kind: "missing_fields"; times?: number }
  | { kind: "pieces"; count: number; times?: number }
  /** Content requests: a reply whose descricao is empty / a refusal (message.refusal, no content). */
  | { kind: "empty_description"; times?: number }
  | { kind: "refusal"; times?: number };

/** Marker (substring of the user text, usually of the file name) → fault. Checked in this order. */
export const DEFAULT_MARKER_FAULTS: Record<string, FakeFault> = {
  "falha-uma-vez": { kind: "status", status: 500, times: 1 },
  "falha-500": { kind: "status", status: 500 },
  "limite-429": { kind: "status", status: 429, retryAfterSeconds: 3 },
  pendura: { kind: "hang" },
  "nao-json": { kind: "not_json" },
  "sem-campos": { kind: "missing_fields" },
  "nove-pecas": { kind: "pieces", count: 9 },
  "duas-pecas": { kind: "pieces", count: 2 },
  "conteudo-vazio": { kind: "empty_description" },
  "conteudo-recusa": { kind: "refusal" },
};

/** Key prefix → fault, for keys without an explicit behaviour. */
export const DEFAULT_KEY_FAULTS: Record<string, FakeFault> = {
  "sk-invalid": { kind: "status", status: 401, code: "invalid_api_key" },
  "sk-forbidden": { kind: "status", status: 403, code: "unsupported_country_region_territory" },
  "sk-quota": { kind: "status", status: 429, code: "insufficient_quota" },
};

export type ChatRequestInfo = {
  model: string;
  userText: string;
  systemText: string;
  /** The photo's data block, when the prompt has one. */
  data: Record<string, unknown> | null;
  fileName: string | null;
  responseFormat: "json_schema" | "json_object" | "text";
  imageUrls: string[];
  imageDetail: string | null;
  /** A content request (lib/ai/content): its json_schema is named content_reply, or its data block says tarefa "conteudo". */
  isContent: boolean;
  /** A text reading (lib/ai/text/model-reading): its json_schema is named photo_text_reply, or its data block says tarefa "texto". */
  isTextReading: boolean;
};

type ContentPart = { type?: string; text?: string; image_url?: { url?: string; detail?: string } };
type Message = { role?: string; content?: string | ContentPart[] };

function textOf(content: Message["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter((part) => part?.type === "text" && typeof part.text === "string")
    .map((part) => part.text)
    .join("\n");
}

export function describeChatRequest(body: Record<string, unknown>): ChatRequestInfo {
  const messages = Array.isArray(body.messages) ? (body.messages as Message[]) : [];
  const userText = messages
    .filter((m) => m.role === "user")
    .map((m) => textOf(m.content))
    .join("\n");
  const systemText = messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => textOf(m.content))
    .join("\n");
  const imageParts = messages
    .flatMap((m) => (Array.isArray(m.content) ? m.content : []))
    .filter((p) => p?.type === "image_url");
  let data: Record<string, unknown> | null = null;
  const block = /<dados>([\s\S]*?)<\/dados>/.exec(userText);
  if (block) {
    try {
      const parsed: unknown = JSON.parse(block[1]!);
      if (parsed && typeof parsed === "object") data = parsed as Record<string, unknown>;
    } catch {
      data = null;
    }
  }
  const responseFormat = body.response_format as { type?: string; json_schema?: { name?: string } } | undefined;
  const format = responseFormat?.type;
  return {
    model: typeof body.model === "string" ? body.model : "",
    userText,
    systemText,
    data,
    fileName: typeof data?.fileName === "string" ? data.fileName : null,
    responseFormat: format === "json_schema" ? "json_schema" : format === "json_object" ? "json_object" : "text",
    imageUrls: imageParts.map((p) => p.image_url?.url ?? ""),
    imageDetail: imageParts[0]?.image_url?.detail ?? null,
    isContent: responseFormat?.json_schema?.name === "content_reply" || data?.tarefa === "conteudo",
    isTextReading: responseFormat?.json_schema?.name === "photo_text_reply" || data?.tarefa === "texto",
  };
}

/** First marker found in the file name (or, without a data block, in the whole user text). */
export function findMarker(info: ChatRequestInfo, markers: string[]): string | null {
  const haystack = (info.fileName ?? info.userText).toLowerCase();
  return markers.find((marker) => haystack.includes(marker.toLowerCase())) ?? null;
}

const COLOURS = ["AZUL", "VERMELHO", "PRETO", "BRANCO", "VERDE", "AMARELO", "ROSA", "BEGE"];
const TYPES = ["VESTIDO", "CAMISA", "CALCA", "SAIA", "BLUSA", "JAQUETA"];
const MATERIALS = ["algodão", "linho", "viscose", "jeans", "seda"];
const STYLES = ["casual", "festa", "praia", "trabalho"];

function seedOf(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

function pick(list: string[], seed: number, offset = 0): string {
  return list[(seed + offset) % list.length]!;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.length > 0) : [];
}

/** `cor-vermelho` in the file name → "VERMELHO" (letters after the marker, up to a separator). */
function valueMarker(fileName: string | null, prefix: string): string | null {
  const match = fileName ? new RegExp(`${prefix}-([a-zà-ú]+)`, "i").exec(fileName) : null;
  return match ? match[1]!.toUpperCase() : null;
}

/** A complete, valid vision reply built deterministically from the request. */
export function buildVisionReply(info: ChatRequestInfo, pieces = 1): Record<string, unknown> {
  const seed = seedOf(info.fileName ?? info.userText);
  const vocabulary = (info.data?.vocabulary ?? {}) as Record<string, unknown>;
  const fields = info.data && Array.isArray(info.data.fields) ? stringList(info.data.fields) : null;
  const wants = (field: string) => fields === null || fields.includes(field);
  const colours = stringList(vocabulary.cor);
  const types = stringList(vocabulary.tipoPeca);
  const cor = valueMarker(info.fileName, "cor") ?? pick(colours.length ? colours : COLOURS, seed);
  const tipo = valueMarker(info.fileName, "tipo") ?? pick(types.length ? types : TYPES, seed, 1);
  const material = pick(MATERIALS, seed, 2);
  const estilo = pick(STYLES, seed, 3);
  const pecas = Array.from({ length: pieces }, (_, i) => ({
    tipo_peca: i === 0 ? tipo : pick(TYPES, seed, i + 4),
    cor: i === 0 ? cor : pick(COLOURS, seed, i + 5),
    material,
    descricao: `Peça ${i + 1}: ${tipo.toLowerCase()} ${cor.toLowerCase()}`,
    confianca: 0.9 - i * 0.05,
    bbox: { x: 0.05 + (i % 2) * 0.45, y: 0.05 + Math.floor(i / 2) * 0.2, width: 0.4, height: 0.3 },
  }));
  return {
    descricao: wants("descricao")
      ? `${tipo.toLowerCase()} ${cor.toLowerCase()} de ${material}, estilo ${estilo}`
      : null,
    tags: wants("tags") ? [tipo.toLowerCase(), cor.toLowerCase(), estilo] : [],
    cor: wants("cor") ? cor : null,
    cores_secundarias: wants("cor") ? [pick(COLOURS, seed, 6)] : [],
    material: wants("material") ? material : null,
    tipo_peca: wants("tipo") ? tipo : null,
    estilo: wants("estilo") ? estilo : null,
    confianca: {
      descricao: wants("descricao") ? 0.8 : null,
      tags: wants("tags") ? 0.75 : null,
      cor: wants("cor") ? 0.92 : null,
      material: wants("material") ? 0.6 : null,
      tipo_peca: wants("tipo") ? 0.88 : null,
      estilo: wants("estilo") ? 0.55 : null,
    },
    pecas: wants("pecas") ? pecas : [],
  };
}

/** Rough token counts, deterministic: ~4 characters a token, 85 per low-detail image (765 otherwise). */
export function usageFor(info: ChatRequestInfo, content: string): { prompt_tokens: number; completion_tokens: number } {
  const imageTokens = info.imageUrls.length * (info.imageDetail === "low" ? 85 : 765);
  return {
    prompt_tokens: Math.ceil((info.systemText.length + info.userText.length) / 4) + imageTokens,
    completion_tokens: Math.max(1, Math.ceil(content.length / 4)),
  };
}

/** A part of a multipart/form-data body. */
export type MultipartPart = { name: string; filename: string | null; data: Buffer };

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const chunk = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after boundary, before next
    const headerEnd = chunk.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString("utf8");
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1] ?? null;
      if (name !== undefined) parts.push({ name, filename, data: chunk.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

/** OpenAI's duration format for x-ratelimit-reset-*: `12ms`, `1.5s`, `6m0s`. */
export function formatResetDuration(ms: number): string {
  const rounded = Math.max(0, Math.ceil(ms));
  if (rounded < 1000) return `${rounded}ms`;
  if (rounded < 60_000) return `${Number((rounded / 1000).toFixed(3))}s`;
  const minutes = Math.floor(rounded / 60_000);
  return `${minutes}m${Number(((rounded % 60_000) / 1000).toFixed(3))}s`;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const asText = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

/**
 * A content reply (titulo, descricao, hashtags, pontos_chave) built from the data block alone:
 * the product's nome_peca (else the SKU, else the file name), how many angles came, the current
 * version and the feedback when refining (the descricao quotes the feedback's first 60
 * characters, so a test sees it reached the model), and the brand's newest example's title.
 */
export function buildContentReply(info: ChatRequestInfo, options: { emptyDescription?: boolean } = {}) {
  const data = info.data ?? {};
  const carteira = asRecord(data.carteira);
  const name =
    asText(carteira?.nomePeca) ?? asText(data.sku) ?? asText(data.fileName)?.replace(/\.[a-z0-9]+$/i, "") ?? "Peça";
  const brand = asText(data.marca);
  const photos = Array.isArray(data.fotos) ? data.fotos.length : info.imageUrls.length;
  const current = asRecord(data.versaoAtual);
  const feedback = asText(data.pedidoDeAjuste);
  const examples = Array.isArray(data.exemplosDaMarca) ? data.exemplosDaMarca.map(asRecord) : [];
  const lesson = examples[0] ? asRecord(examples[0].depois ?? examples[0].resultado) : null;
  const titulo = current ? `${asText(current.titulo) ?? name} (revisado)` : [name, brand].filter(Boolean).join(" · ");
  const parts = [
    `${name} em destaque${photos > 1 ? `, visto em ${photos} ângulos` : ""}.`,
    asText(carteira?.categoria) ? `Categoria ${asText(carteira?.categoria)}.` : null,
    feedback ? `Ajuste pedido: «${feedback.slice(0, 60)}».` : null,
    lesson && asText(lesson.titulo) ? `No estilo de «${asText(lesson.titulo)}».` : null,
  ];
  const words = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .slice(0, 3);
  return {
    titulo,
    descricao: options.emptyDescription ? "" : parts.filter(Boolean).join(" "),
    hashtags: [...words.map((w) => `#${w.toLowerCase()}`), "#moda"],
    pontos_chave: [`Peça: ${name}`, `Fotos analisadas: ${photos}`],
  };
}

/**
 * A text reading: the fake "sees" the text the file name spells in `texto[…]` (lines split by "|"),
 * e.g. `tag texto[REF VD25-0150|TAM M].jpg` → ["REF VD25-0150", "TAM M"]; no marker → no lines.
 */
export function buildTextReadingReply(info: ChatRequestInfo): { linhas: string[] } {
  const marker = info.fileName ? /texto\[([^\]]*)\]/i.exec(info.fileName) : null;
  return { linhas: marker ? marker[1]!.split("|").filter((line) => line.trim() !== "") : [] };
}

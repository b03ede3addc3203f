import "server-only";

/**
 * Order of a product's photos by their sequence (the part of the file name after the SKU, see
 * lib/sku/sequence-suffix.ts): numbered shots first (`01`, `2`, `10` by value), then the view words
 * in the order a product page shows them (FRENTE, COSTAS, LADO, DETALHE…, each with its own number:
 * DETALHE, DETALHE2), then single letters, then anything else (copy markers like `(2)`) by text.
 * Chained sequences (`01_FRENTE`) compare token by token. A photo without a sequence comes first:
 * it is usually the product's main shot.
 */

/** View words (lib/sku VIEW_WORDS) by position on a product page; synonyms share a rank. */
const VIEW_RANK: Readonly<Record<string, number>> = {
  FRENTE: 0,
  FRONT: 0,
  COSTAS: 1,
  COSTA: 1,
  VERSO: 1,
  BACK: 1,
  LADO: 2,
  LATERAL: 2,
  PERFIL: 2,
  SIDE: 2,
  DETALHE: 3,
  DETALHES: 3,
  DETAIL: 3,
  ZOOM: 4,
  CLOSE: 4,
};

/** Token classes in their order. */
const NUMBER = 0;
const VIEW = 1;
const LETTER = 2;
const OTHER = 3;

type Token = { kind: number; rank: number; number: number; text: string };

const VIEW_TOKEN = /^([A-Z]+?)(\d{0,2})$/;

function readToken(raw: string): Token {
  const text = raw.toUpperCase();
  if (/^\d+$/.test(text)) return { kind: NUMBER, rank: 0, number: Number(text), text };
  const view = VIEW_TOKEN.exec(text);
  if (view && view[1]! in VIEW_RANK)
    return { kind: VIEW, rank: VIEW_RANK[view[1]!]!, number: view[2] ? Number(view[2]) : 0, text };
  if (/^[A-Z]$/.test(text)) return { kind: LETTER, rank: 0, number: 0, text };
  return { kind: OTHER, rank: 0, number: 0, text };
}

function tokensOf(sequence: string): Token[] {
  return sequence
    .split(/[_\- ]+/)
    .filter(Boolean)
    .map(readToken);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareTokens(a: Token, b: Token): number {
  return a.kind - b.kind || a.rank - b.rank || a.number - b.number || byText(a.text, b.text);
}

/** Comparator of two sequences (null = no sequence); equal only when the texts are equal. */
export function compareSequences(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null || a === "") return -1;
  if (b === null || b === "") return 1;
  const left = tokensOf(a);
  const right = tokensOf(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareTokens(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return left.length - right.length || byText(a, b);
}

/** A copy of `photos` in angle order; photos with the same sequence keep their order (stable sort). */
export function sortByAngle<T extends { sequence: string | null }>(photos: readonly T[]): T[] {
  return [...photos].sort((a, b) => compareSequences(a.sequence, b.sequence));
}

import type { ContentFields } from "./schemas";

/**
 * The difference between two content versions, field by field, for "comparar versões": texts as a
 * word diff (longest common subsequence over words and the spaces between them), lists as what was
 * added and removed. Pure, shared with the browser.
 */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };
export type FieldDiff =
  | { field: "titulo" | "descricao"; isChanged: boolean; parts: DiffPart[] }
  | { field: "hashtags" | "pontosChave"; isChanged: boolean; added: string[]; removed: string[]; kept: string[] };

/** Above this many token pairs the LCS table would be large: the texts are shown as replaced whole. */
const MAX_CELLS = 250_000;

const tokens = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

function pushPart(parts: DiffPart[], kind: DiffPart["kind"], text: string) {
  const last = parts.at(-1);
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** `before` → `after` as runs of same / removed / added text. */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) {
    const parts: DiffPart[] = [];
    if (before) parts.push({ kind: "removed", text: before });
    if (after) parts.push({ kind: "added", text: after });
    return parts;
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pushPart(parts, "same", a[i]!);
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) pushPart(parts, "removed", a[i++]!);
    else pushPart(parts, "added", b[j++]!);
  }
  while (i < a.length) pushPart(parts, "removed", a[i++]!);
  while (j < b.length) pushPart(parts, "added", b[j++]!);
  return parts;
}

function diffList(field: "hashtags" | "pontosChave", before: string[], after: string[]): FieldDiff {
  const had = new Set(before);
  const has = new Set(after);
  const added = after.filter((v) => !had.has(v));
  const removed = before.filter((v) => !has.has(v));
  return {
    field,
    isChanged: added.length > 0 || removed.length > 0 || before.join("\n") !== after.join("\n"),
    added,
    removed,
    kept: after.filter((v) => had.has(v)),
  };
}

export function diffVersions(before: ContentFields, after: ContentFields): FieldDiff[] {
  return [
    { field: "titulo", isChanged: before.titulo !== after.titulo, parts: diffWords(before.titulo, after.titulo) },
    {
      field: "descricao",
      isChanged: before.descricao !== after.descricao,
      parts: diffWords(before.descricao, after.descricao),
    },
    diffList("hashtags", before.hashtags, after.hashtags),
    diffList("pontosChave", before.pontosChave, after.pontosChave),
  ];
}

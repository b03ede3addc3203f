import { matchHeaderDetailed } from "./column-synonyms";
import { normalizeHeader } from "./normalize-header";
import { normalizeText, parseDecimal } from "./normalize-cell";
import type { CanonicalField, MappingOverride, RawGrid } from "./types";

export interface HeaderRowGuess {
  /** 0-based index into the grid (line = index + 1). -1 when the grid has no non-empty row. */
  index: number;
  /** How many distinct canonical fields the row maps to. */
  mappedFields: number;
  hasSku: boolean;
}

function rowFields(row: readonly unknown[], override?: Map<string, CanonicalField | null>): Set<CanonicalField> {
  const fields = new Set<CanonicalField>();
  for (const cell of row) {
    if (typeof cell !== "string") continue; // headers are text; numbers are data
    const text = normalizeText(cell);
    if (!text) continue;
    const forced = override?.get(normalizeHeader(text));
    if (forced !== undefined) {
      if (forced) fields.add(forced);
      continue;
    }
    const m = matchHeaderDetailed(text);
    if (m.field) fields.add(m.field);
  }
  return fields;
}

/**
 * Finds the header row among the first `scanRows` rows, skipping blank and title rows.
 * 1) the first row with a SKU-like column and the most known fields; else a row with ≥ 2 known
 * fields; 2) else the row with the most non-empty, mostly non-numeric text cells.
 */
export function findHeaderRow(grid: RawGrid, scanRows = 20, override?: MappingOverride): HeaderRowGuess {
  const ov = override ? new Map(Object.entries(override).map(([k, v]) => [normalizeHeader(k), v] as const)) : undefined;
  const limit = Math.min(grid.length, scanRows);
  let best: HeaderRowGuess | null = null;
  for (let i = 0; i < limit; i++) {
    const fields = rowFields(grid[i] ?? [], ov);
    const guess: HeaderRowGuess = { index: i, mappedFields: fields.size, hasSku: fields.has("sku") };
    if (guess.mappedFields === 0) continue;
    if (!best || rank(guess) > rank(best)) best = guess;
  }
  if (best && (best.hasSku || best.mappedFields >= 2)) return best;

  // Fallback: the widest row of labels (titles have one cell, data rows have numbers).
  let fallback: HeaderRowGuess = { index: -1, mappedFields: 0, hasSku: false };
  let bestTextCells = 0;
  for (let i = 0; i < limit; i++) {
    const row = grid[i] ?? [];
    let text = 0;
    let numeric = 0;
    for (const cell of row) {
      const t = normalizeText(cell);
      if (!t) continue;
      if (typeof cell === "number" || parseDecimal(t) !== null) numeric++;
      else text++;
    }
    if (text > numeric && text > bestTextCells) {
      bestTextCells = text;
      fallback = { index: i, mappedFields: best?.index === i ? best.mappedFields : 0, hasSku: false };
    }
  }
  if (fallback.index >= 0) return fallback;
  // Nothing looks like labels: first non-empty row.
  for (let i = 0; i < grid.length; i++) {
    if ((grid[i] ?? []).some((c) => normalizeText(c) !== "")) return { index: i, mappedFields: 0, hasSku: false };
  }
  return { index: -1, mappedFields: 0, hasSku: false };
}

function rank(g: HeaderRowGuess): number {
  return (g.hasSku ? 1000 : 0) + g.mappedFields;
}

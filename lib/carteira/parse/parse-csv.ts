import Papa from "papaparse";

export type CsvDelimiter = ";" | "," | "\t";

/** Candidates in preference order: BR exports use ";" because "," is the decimal separator. */
const CANDIDATES: CsvDelimiter[] = [";", ",", "\t"];

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  /** rows[i] is CSV record i+1. Cells are the literal text (nothing is evaluated or typed). */
  rows: string[][];
}

/**
 * Picks the delimiter that splits the most sample rows into the same number (>1) of fields,
 * weighted by that number. Ties go to ";" (then ",", then tab).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let sample = text.slice(0, 64 * 1024);
  const lastNl = sample.lastIndexOf("\n");
  if (text.length > sample.length && lastNl > 0) sample = sample.slice(0, lastNl);
  let best: CsvDelimiter = ";";
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const res = Papa.parse<string[]>(sample, { delimiter: d, preview: 100, skipEmptyLines: true });
    const freq = new Map<number, number>();
    for (const row of res.data) {
      const n = trimmedLength(row);
      if (n > 1) freq.set(n, (freq.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [width, count] of freq) score = Math.max(score, width * count);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function trimmedLength(row: string[]): number {
  let n = row.length;
  while (n > 0 && row[n - 1]!.trim() === "") n--;
  return n;
}

/** Text → raw grid. Quoted fields, embedded newlines and CRLF handled by papaparse. */
export function parseCsv(text: string, delimiter?: CsvDelimiter): ParsedCsv {
  const d = delimiter ?? detectDelimiter(text);
  // No dynamicTyping: every cell stays the literal string ("00123", "=SOMA(A1)" …).
  const res = Papa.parse<string[]>(text, { delimiter: d, skipEmptyLines: false });
  const rows = res.data;
  // Papa yields one [""] row for the final newline; drop trailing blank records.
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1]!)) rows.pop();
  return { delimiter: d, rows };
}

function isBlankRow(row: string[]): boolean {
  for (const c of row) if (c.trim() !== "") return false;
  return true;
}

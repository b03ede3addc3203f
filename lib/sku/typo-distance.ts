/**
 * How a photo's SKU text differs from a known SKU, in the terms of the mistakes people and OCR make:
 * look-alike characters (O/0, I/1/L, S/5, B/8…), two neighbours swapped, a character dropped or
 * typed twice. A weighted optimal-string-alignment distance over normalised keys (separators and
 * case are already gone), with the edit script kept so the screen can say what it thinks happened.
 */
export type TypoEdit =
  /** A look-alike character: the photo has `from`, the SKU has `to`. */
  | { kind: "lookalike"; from: string; to: string }
  /** Two neighbours swapped: the photo has `from` where the SKU has `to`. */
  | { kind: "swapped"; from: string; to: string }
  /** The photo lacks `to`, which the SKU has (`doubled` when the SKU has it twice in a row). */
  | { kind: "dropped"; to: string; doubled: boolean }
  /** The photo has an extra `from` (`doubled` when it is a repeat of its neighbour). */
  | { kind: "extra"; from: string; doubled: boolean }
  /** Any other character: the photo has `from`, the SKU has `to`. */
  | { kind: "replaced"; from: string; to: string };

export type TypoExplanation = { cost: number; edits: TypoEdit[] };

/** Pairs people and OCR confuse in SKUs (upper case: keys are upper-cased). */
const LOOKALIKE_GROUPS = ["O0QD", "I1L", "S5", "B8", "Z2", "G6", "A4", "T7"];
const LOOKALIKE_CODES = new Uint8Array(128 * 128);
for (const group of LOOKALIKE_GROUPS)
  for (const a of group)
    for (const b of group) if (a !== b) LOOKALIKE_CODES[a.charCodeAt(0) * 128 + b.charCodeAt(0)] = 1;

/** Edit costs: the likelier the mistake, the cheaper. A plain replacement costs the most. */
export const TYPO_COSTS = { lookalike: 0.3, swapped: 0.4, doubled: 0.4, droppedOrExtra: 0.6, replaced: 0.8 } as const;

export function isLookalike(a: string, b: string): boolean {
  return a.length === 1 && b.length === 1 && isLookalikeCode(a.charCodeAt(0), b.charCodeAt(0));
}

function isLookalikeCode(a: number, b: number): boolean {
  return a < 128 && b < 128 && LOOKALIKE_CODES[a * 128 + b] === 1;
}

const MATCH = 1;
const SUBSTITUTE = 2;
const EXTRA = 3;
const DROPPED = 4;
const SWAP = 5;
let costBuffer = new Float64Array(1024);
let stepBuffer = new Uint8Array(1024);

/**
 * The cheapest explanation of how `query` (from the photo) became `sku`, or null when it costs more
 * than `maxCost` (then the two are not typos of each other). Both are normalised keys.
 */
export function explainTypo(query: string, sku: string, maxCost: number): TypoExplanation | null {
  const n = query.length;
  const m = sku.length;
  if (n === 0 || m === 0) return null;
  if (Math.abs(n - m) * TYPO_COSTS.doubled > maxCost) return null;
  const width = m + 1;
  const cells = (n + 1) * width;
  if (costBuffer.length < cells) {
    costBuffer = new Float64Array(cells * 2);
    stepBuffer = new Uint8Array(cells * 2);
  }
  // Reused across calls (ranking runs this for thousands of SKUs per photo): no allocation per call.
  const cost = costBuffer;
  const step = stepBuffer; // how each cell was reached, for the edit script
  cost[0] = 0;
  for (let j = 1; j <= m; j++) {
    cost[j] = cost[j - 1]! + droppedCost(sku, j - 1);
    step[j] = DROPPED;
  }
  for (let i = 1; i <= n; i++) {
    const row = i * width;
    const q = query.charCodeAt(i - 1);
    cost[row] = cost[row - width]! + extraCost(query, i - 1);
    step[row] = EXTRA;
    let rowMin = cost[row]!;
    for (let j = 1; j <= m; j++) {
      const s = sku.charCodeAt(j - 1);
      let best: number;
      let how: number;
      if (q === s) {
        best = cost[row - width + j - 1]!;
        how = MATCH;
      } else {
        best = cost[row - width + j - 1]! + (isLookalikeCode(q, s) ? TYPO_COSTS.lookalike : TYPO_COSTS.replaced);
        how = SUBSTITUTE;
      }
      const viaExtra = cost[row - width + j]! + extraCost(query, i - 1);
      if (viaExtra < best) {
        best = viaExtra;
        how = EXTRA;
      }
      const viaDropped = cost[row + j - 1]! + droppedCost(sku, j - 1);
      if (viaDropped < best) {
        best = viaDropped;
        how = DROPPED;
      }
      if (i > 1 && j > 1 && q !== s && q === sku.charCodeAt(j - 2) && query.charCodeAt(i - 2) === s) {
        const viaSwap = cost[row - 2 * width + j - 2]! + TYPO_COSTS.swapped;
        if (viaSwap < best) {
          best = viaSwap;
          how = SWAP;
        }
      }
      cost[row + j] = best;
      step[row + j] = how;
      if (best < rowMin) rowMin = best;
    }
    // Every path crosses this row: nothing cheaper than its minimum can come out of it.
    if (rowMin > maxCost + 1e-9) return null;
  }
  const total = cost[n * width + m]!;
  if (total > maxCost + 1e-9) return null;

  const edits: TypoEdit[] = [];
  for (let i = n, j = m; i > 0 || j > 0;) {
    const how = step[i * width + j];
    if (how === MATCH) {
      i--;
      j--;
    } else if (how === SUBSTITUTE) {
      const from = query[i - 1]!,
        to = sku[j - 1]!;
      edits.push(isLookalike(from, to) ? { kind: "lookalike", from, to } : { kind: "replaced", from, to });
      i--;
      j--;
    } else if (how === SWAP) {
      edits.push({ kind: "swapped", from: query.slice(i - 2, i), to: sku.slice(j - 2, j) });
      i -= 2;
      j -= 2;
    } else if (how === EXTRA) {
      edits.push({ kind: "extra", from: query[i - 1]!, doubled: isRepeat(query, i - 1) });
      i--;
    } else {
      edits.push({ kind: "dropped", to: sku[j - 1]!, doubled: isRepeat(sku, j - 1) });
      j--;
    }
  }
  return { cost: Math.round(total * 1000) / 1000, edits: edits.reverse() };
}

function isRepeat(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c === text.charCodeAt(index - 1) || c === text.charCodeAt(index + 1);
}

/** The photo has a character the SKU lacks; cheaper when it repeats its neighbour ("10055"). */
function extraCost(query: string, index: number): number {
  return isRepeat(query, index) ? TYPO_COSTS.doubled : TYPO_COSTS.droppedOrExtra;
}

/** The photo lacks one of the SKU's characters; cheaper when it is one of a pair ("105" for "1005"). */
function droppedCost(sku: string, index: number): number {
  return isRepeat(sku, index) ? TYPO_COSTS.doubled : TYPO_COSTS.droppedOrExtra;
}

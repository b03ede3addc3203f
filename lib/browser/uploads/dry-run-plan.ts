/**
 * The browser side of the dry run before an upload: sends a drop's names in chunks (the server
 * takes DRY_RUN_MAX_NAMES a request), each with the SKUs the earlier chunks linked, merges the
 * answers into one summary, and picks what to send ("Enviar tudo" / "Remover desconhecidos e
 * enviar"). Free of React and of the network (the request is injected), so unit tests drive it.
 */
import {
  DRY_RUN_MAX_NAMES,
  type DryRunItem,
  type DryRunName,
  type DryRunOutcome,
  type DryRunResult,
  type DryRunTotals,
} from "@/lib/batches/dry-run/schemas";

export type DryRunRequestFn = (names: DryRunName[], coveredSkus: string[]) => Promise<DryRunResult>;

export type DryRunSummary = {
  totals: DryRunTotals;
  /** Per outcome, the indexes (into the names sent) in drop order. */
  byOutcome: Record<DryRunOutcome, number[]>;
  /** One item per name, in the order sent. */
  items: DryRunItem[];
  withoutPhoto: DryRunResult["withoutPhoto"];
  /** The batch has a collection: the "SKUs sem foto" figures mean something. */
  hasCollection: boolean;
};

export function emptyTotals(): DryRunTotals {
  return { names: 0, linked: 0, ambiguous: 0, unknown: 0, inBank: 0 };
}

/**
 * Asks the server about every name, `chunkSize` at a time, one chunk after the other (each chunk
 * says which SKUs the earlier ones cover, so the last answer's "SKUs sem foto" count the whole drop).
 */
export async function runDryRunInChunks(
  names: readonly DryRunName[],
  request: DryRunRequestFn,
  { chunkSize = DRY_RUN_MAX_NAMES, onProgress }: { chunkSize?: number; onProgress?: (done: number) => void } = {},
): Promise<DryRunSummary> {
  const answers: DryRunResult[] = [];
  const covered = new Set<string>();
  for (let i = 0; i < names.length; i += chunkSize) {
    const answer = await request(names.slice(i, i + chunkSize), [...covered]);
    answers.push(answer);
    for (const item of answer.results) if (item.outcome === "linked" && item.sku) covered.add(item.sku);
    onProgress?.(Math.min(names.length, i + chunkSize));
  }
  return mergeDryRunAnswers(answers);
}

/** One summary from the chunks' answers, in the order they were sent. */
export function mergeDryRunAnswers(answers: readonly DryRunResult[]): DryRunSummary {
  const totals = emptyTotals();
  const byOutcome: Record<DryRunOutcome, number[]> = { linked: [], ambiguous: [], unknown: [], in_bank: [] };
  const items: DryRunItem[] = [];
  for (const answer of answers) {
    for (const item of answer.results) {
      byOutcome[item.outcome].push(items.length);
      items.push(item);
    }
    for (const key of Object.keys(totals) as Array<keyof DryRunTotals>) totals[key] += answer.totals[key];
  }
  const last = answers.at(-1);
  return {
    totals,
    byOutcome,
    items,
    withoutPhoto: last?.withoutPhoto ?? { before: 0, remaining: 0, first: [] },
    hasCollection: last?.collectionId != null,
  };
}

export type SendChoice = "all" | "without_unknown";

/**
 * What to upload after the summary: every file, or every file but the unknown ones. `uploads[i]`
 * is the file the i-th name was sent for.
 */
export function uploadsToSend<U>(uploads: readonly U[], summary: DryRunSummary, choice: SendChoice): U[] {
  if (choice === "all") return [...uploads];
  const unknown = new Set(summary.byOutcome.unknown);
  return uploads.filter((_, i) => !unknown.has(i));
}

const TOTALS_KEY: Record<DryRunOutcome, keyof DryRunTotals> = {
  linked: "linked",
  ambiguous: "ambiguous",
  unknown: "unknown",
  in_bank: "inBank",
};

/** The names (indexes into the summary) whose content is worth comparing with the bank: all not already in it. */
export function contentCheckIndexes(summary: DryRunSummary): number[] {
  const indexes: number[] = [];
  summary.items.forEach((item, i) => {
    if (item.outcome !== "in_bank") indexes.push(i);
  });
  return indexes;
}

/**
 * The summary after a second dry run of some names with their sha256 (`indexes[j]` is the summary
 * index of `answer.results[j]`): a name the bank holds by content becomes "in_bank" (by sha256);
 * nothing else changes (the "SKUs sem foto" stay those of the first answer). A new object when
 * anything moved, the same one otherwise.
 */
export function applyContentAnswer(
  summary: DryRunSummary,
  indexes: readonly number[],
  answer: DryRunResult,
): DryRunSummary {
  const moved = new Map<number, DryRunItem>();
  answer.results.forEach((item, j) => {
    const index = indexes[j];
    if (index === undefined || item.outcome !== "in_bank" || item.inBankBy !== "sha256") return;
    if (summary.items[index]?.outcome === "in_bank") return;
    moved.set(index, item);
  });
  if (moved.size === 0) return summary;
  const totals = { ...summary.totals };
  const items = summary.items.slice();
  for (const [index, item] of moved) {
    totals[TOTALS_KEY[items[index]!.outcome]]--;
    totals.inBank++;
    items[index] = { ...item, name: items[index]!.name };
  }
  const byOutcome = {} as Record<DryRunOutcome, number[]>;
  for (const outcome of Object.keys(summary.byOutcome) as DryRunOutcome[])
    byOutcome[outcome] = summary.byOutcome[outcome].filter((i) => !moved.has(i));
  byOutcome.in_bank = [...byOutcome.in_bank, ...moved.keys()].sort((a, b) => a - b);
  return { ...summary, totals, items, byOutcome };
}

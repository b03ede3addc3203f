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

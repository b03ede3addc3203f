/**
 * Feedback that teaches: a brand's accepted edits and feedback become few-shot examples of its
 * later content prompts, so the texts converge to the team's words. Pure selection here (the rows
 * are read by brand-examples.ts): the most recent first, each clipped, within a token budget.
 */

/** One lesson of the brand's team: a person's edit (before → after) or a refinement (feedback → result). */
export type FewShotExample =
  | {
      kind: "edicao";
      antes: { titulo: string; descricao: string } | null;
      depois: { titulo: string; descricao: string };
    }
  | { kind: "ajuste"; pedido: string; resultado: { titulo: string; descricao: string } };

/** Tokens the examples may take in one prompt (~4 characters a token) and how many at most. */
export const FEW_SHOT_TOKEN_BUDGET = 700;
export const FEW_SHOT_MAX_EXAMPLES = 5;
/** Longest text of an example (a long description teaches no more than its first lines). */
const EXAMPLE_TEXT_MAX = 400;

const clipText = (text: string) => (text.length > EXAMPLE_TEXT_MAX ? `${text.slice(0, EXAMPLE_TEXT_MAX)}…` : text);
const clipPair = (pair: { titulo: string; descricao: string }) => ({
  titulo: clipText(pair.titulo),
  descricao: clipText(pair.descricao),
});

export function clipExample(example: FewShotExample): FewShotExample {
  return example.kind === "edicao"
    ? { kind: "edicao", antes: example.antes ? clipPair(example.antes) : null, depois: clipPair(example.depois) }
    : { kind: "ajuste", pedido: clipText(example.pedido), resultado: clipPair(example.resultado) };
}

/** Rough token count of an example as the prompt carries it (its JSON). */
export function exampleTokens(example: FewShotExample): number {
  return Math.ceil(JSON.stringify(example).length / 4);
}

/**
 * The examples a prompt gets: `candidates` newest first, clipped, taken in order while they fit
 * the budget (one that does not fit is skipped, a smaller older one may still fit), at most
 * `maxExamples`. An edit that changed nothing is no lesson and is left out.
 */
export function selectFewShotExamples(
  candidates: readonly FewShotExample[],
  budgetTokens = FEW_SHOT_TOKEN_BUDGET,
  maxExamples = FEW_SHOT_MAX_EXAMPLES,
): FewShotExample[] {
  const chosen: FewShotExample[] = [];
  let used = 0;
  for (const candidate of candidates) {
    if (chosen.length >= maxExamples) break;
    if (
      candidate.kind === "edicao" &&
      candidate.antes &&
      candidate.antes.titulo === candidate.depois.titulo &&
      candidate.antes.descricao === candidate.depois.descricao
    )
      continue;
    const example = clipExample(candidate);
    const tokens = exampleTokens(example);
    if (used + tokens > budgetTokens) continue;
    chosen.push(example);
    used += tokens;
  }
  return chosen;
}

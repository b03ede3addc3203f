import type { AiField } from "@/lib/ai/fields";
import type { ErrorCode } from "@/lib/errors/error-codes";
import type { Prisma } from "@/lib/db/client";
import type { PhotoForAnalysis } from "./photo-context";
import type { RunForItem } from "./process-item";
import type { ClaimedItem, ItemUsage } from "./run-items";
import { contentStep } from "@/lib/ai/content/content-step";
import { textStep } from "@/lib/ai/text/text-step";
import { visionStep } from "./vision-step";

/**
 * A photo's turn in a run is a sequence of steps, one per kind of work its fields ask for (vision,
 * the text on the photo, the content). Each step done is recorded on the item (`stepsDone`), so a
 * photo that goes again — a retry, a key wait, a killed process, "refazer falhas" — resumes at the
 * first step not done and never pays twice for one.
 */
export type StepName = "vision" | "texto" | "conteudo";

export type StepContext = {
  run: RunForItem;
  item: ClaimedItem;
  photo: PhotoForAnalysis;
  /** No step after this one: its completion is the photo's success. */
  isLastStep: boolean;
  /**
   * For a step that writes results: call it inside the transaction that writes them, then return
   * `{kind: "completed"}` — the step is recorded done atomically with its results.
   */
  completeStep: (
    tx: Prisma.TransactionClient,
    done: { warnings: string[]; usage: ItemUsage | null; attemptsMade: number },
  ) => Promise<void>;
};

export type StepOutcome =
  /** Done; the runner records it (with these warnings and usage) in a transaction of its own. */
  | { kind: "ok"; warnings?: string[]; usage?: ItemUsage }
  /** Done and already recorded with ctx.completeStep inside the step's own write. */
  | { kind: "completed" }
  /** The photo goes back to the queue (backoff, a key's wait); the steps done so far are kept. */
  | { kind: "retry"; notBefore: Date | null; attemptsMade: 0 | 1; error?: { code: ErrorCode; message: string } }
  /** No usable key: the run pauses with this reason, the photo waits for the resume. */
  | { kind: "paused"; reason: string }
  /** The photo fails for good with this reason. */
  | { kind: "failed"; code: ErrorCode; message: string; attemptsMade: 0 | 1 };

export type ItemStep = {
  name: StepName;
  appliesTo: (fields: readonly AiField[]) => boolean;
  run: (ctx: StepContext) => Promise<StepOutcome>;
};

/** In the order a photo goes through them. */
export const ITEM_STEPS: readonly ItemStep[] = [visionStep, textStep, contentStep];

/** The steps a run's fields ask for, in order. */
export function stepsFor(fields: readonly AiField[]): ItemStep[] {
  return ITEM_STEPS.filter((step) => step.appliesTo(fields));
}

import type { AiField } from "@/lib/ai/fields";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { backoffDelayMs } from "./backoff";
import { stepsFor, type StepOutcome } from "./item-steps";
import { loadPhotoForAnalysis } from "./photo-context";
import { pauseRun } from "./run-control";
import { ClaimLostError, completeStep, markFailed, requeueItem, type ClaimedItem } from "./run-items";

const log = getLogger("AI");

export type RunForItem = {
  id: string;
  engine: string;
  fields: AiField[];
  overwriteManual: boolean;
  createdById: string | null;
};

/** What became of a photo's turn: done (for good), back in the queue, or the run had to pause. */
export type ItemTurn = "done" | "requeued" | "paused";

/**
 * One turn of one claimed photo: the steps its run's fields ask for (lib/ai/runs/item-steps.ts), in
 * order, from the first one not done in an earlier turn. A step that is not the last keeps the claim
 * and the next one goes on; the last one's completion is the photo's success. A step that has to
 * wait (backoff, a key's cooldown) puts the photo back in the queue with the steps done kept; no
 * usable key pauses the run; a failed step fails the photo for good.
 */
export async function processItem(run: RunForItem, item: ClaimedItem): Promise<ItemTurn> {
  try {
    return await processItemTurn(run, item);
  } catch (error) {
    if (error instanceof ClaimLostError) return "done";
    // Not the provider's: a database blip, a bug. The photo goes again later like a retryable error.
    log.error({ action: "AI_ITEM_ERROR", runId: run.id, itemId: item.id, err: String(error) }, "Erro ao analisar foto");
    const attempt = item.attempts + 1;
    try {
      if (attempt >= getEnv().AI_MAX_ATTEMPTS) {
        await markFailed(item, {
          code: "AI_PROVIDER_ERROR",
          message: "Erro interno ao analisar a foto.",
          attemptsMade: 1,
        });
        return "done";
      }
      await requeueItem(item, { notBefore: new Date(Date.now() + backoffDelayMs(attempt)), attemptsMade: 1 });
      return "requeued";
    } catch (recordError) {
      if (recordError instanceof ClaimLostError) return "done";
      // The database is not answering either: the photo keeps its claim, whose lease expires, and
      // another turn takes it over (claimItems). Nothing is thrown into the run's loop.
      log.error(
        { action: "AI_ITEM_ERROR", runId: run.id, itemId: item.id, err: String(recordError) },
        "Erro ao registrar a falha da foto",
      );
      return "requeued";
    }
  }
}

async function processItemTurn(run: RunForItem, item: ClaimedItem): Promise<ItemTurn> {
  const photo = await loadPhotoForAnalysis(item.imageId);
  if (!photo) return "done"; // deleted: its item went with it (cascade)
  const steps = stepsFor(run.fields);
  const remaining = steps.filter((step) => !item.stepsDone.includes(step.name));
  const last = steps.at(-1);
  if (remaining.length === 0 && last) {
    // Every step recorded yet the photo not ended (the last step's completion ends it): end it now.
    await getPrisma().$transaction((tx) =>
      completeStep(tx, item, { step: last.name, isLast: true, attemptsMade: 0, warnings: [], usage: null }),
    );
    return "done";
  }
  for (const [index, step] of remaining.entries()) {
    const isLastStep = index === remaining.length - 1;
    const outcome: StepOutcome = await step.run({
      run,
      item,
      photo,
      isLastStep,
      completeStep: (tx, done) => completeStep(tx, item, { step: step.name, isLast: isLastStep, ...done }),
    });
    switch (outcome.kind) {
      case "completed":
        break;
      case "ok":
        await getPrisma().$transaction((tx) =>
          completeStep(tx, item, {
            step: step.name,
            isLast: isLastStep,
            attemptsMade: 0,
            warnings: outcome.warnings ?? [],
            usage: outcome.usage ?? null,
          }),
        );
        break;
      case "retry":
        await requeueItem(item, {
          notBefore: outcome.notBefore,
          attemptsMade: outcome.attemptsMade,
          error: outcome.error,
        });
        return "requeued";
      case "paused":
        await pauseRun(run.id, outcome.reason);
        await requeueItem(item, {
          notBefore: null,
          attemptsMade: 0,
          error: { code: "AI_NO_KEYS", message: outcome.reason },
        });
        return "paused";
      case "failed":
        await markFailed(item, { code: outcome.code, message: outcome.message, attemptsMade: outcome.attemptsMade });
        return "done";
    }
  }
  return "done";
}

import { outcomeOfFailedCall } from "@/lib/ai/runs/call-failure";
import type { ItemStep, StepContext, StepOutcome } from "@/lib/ai/runs/item-steps";
import { ContentReplyError } from "./content-reply-error";
import { loadImageSource } from "./content-source";
import { produceContent } from "./produce-content";

export const CONTENT_MANUAL_KEPT_WARNING =
  'Conteúdo editado por uma pessoa mantido (sem "sobrescrever edições manuais").';
export const CONTENT_LOCAL_ENGINE_WARNING =
  "A análise local não escreve conteúdo: nenhum texto foi gerado (configure uma chave de IA).";

/**
 * The "conteúdo" field of an AI run, for one photo: a new version (origin BULK) written by the
 * model, like POST …/content without feedback, recorded done in the transaction that writes it. A
 * current version that is a person's edit is kept (a warning) unless the run overwrites manual
 * edits; the local engine writes no text (a warning, never fake content). A refusal or an empty
 * description fails the photo with its code and keeps the previous version; server errors and
 * timeouts come back after a backoff (lib/ai/runs/call-failure.ts).
 */
export const contentStep: ItemStep = {
  name: "conteudo",
  appliesTo: (fields) => fields.includes("conteudo"),
  run: runContentStep,
};

export async function runContentStep(ctx: Pick<StepContext, "run" | "item" | "completeStep">): Promise<StepOutcome> {
  const { run, item } = ctx;
  if (run.engine === "local") return { kind: "ok", warnings: [CONTENT_LOCAL_ENGINE_WARNING] };
  const outcome = await produceContent({ kind: "image", id: item.imageId }, await loadImageSource(item.imageId), {
    feedback: null,
    actorId: run.createdById,
    origin: "BULK",
    runId: run.id,
    overwriteManual: run.overwriteManual,
    onWritten: (tx, result, keyId) =>
      ctx.completeStep(tx, {
        warnings: result.warnings,
        usage: {
          keyId,
          model: result.model,
          tokensIn: result.tokensIn,
          tokensOut: result.tokensOut,
          costUsd: result.costUsd,
          durationMs: result.durationMs,
        },
        attemptsMade: 1,
      }),
  });
  switch (outcome.kind) {
    case "ok":
      return { kind: "completed" };
    case "kept_manual":
      return { kind: "ok", warnings: [CONTENT_MANUAL_KEPT_WARNING] };
    case "no_key":
      return { kind: "paused", reason: `Nenhuma chave de IA utilizável: ${outcome.reason}` };
    case "wait":
      return { kind: "retry", notBefore: new Date(Date.now() + outcome.retryInMs), attemptsMade: 0 };
    case "original_missing":
      return { kind: "failed", code: "ORIGINAL_MISSING", message: outcome.message, attemptsMade: 0 };
    case "failed":
      if (outcome.error instanceof ContentReplyError)
        return {
          kind: "failed",
          code: outcome.error.reason === "empty" ? "AI_CONTENT_EMPTY" : "AI_CONTENT_REFUSED",
          message: `${outcome.error.message} A versão anterior do conteúdo foi mantida.`,
          attemptsMade: 1,
        };
      return outcomeOfFailedCall(item.attempts, outcome.error);
  }
}

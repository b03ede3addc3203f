import { failureOf, type RunForItem } from "@/lib/ai/runs/process-item";
import { backoffDelayMs } from "@/lib/ai/runs/backoff";
import type { ClaimedItem, ItemUsage } from "@/lib/ai/runs/run-items";
import { getEnv } from "@/lib/config/env";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { ContentReplyError } from "./content-reply-error";
import { loadImageSource } from "./content-source";
import { produceContent } from "./produce-content";

/**
 * The shapes of the run step seam (contract B, lib/ai/runs/item-steps.ts), kept here until the
 * seam lands and then taken from there.
 */
export type ContentStepContext = { run: RunForItem; item: ClaimedItem };
export type ContentStepOutcome =
  | { kind: "ok"; warnings?: string[]; usage?: ItemUsage }
  | { kind: "retry"; notBefore: Date | null; attemptsMade: 0 | 1; error?: { code: ErrorCode; message: string } }
  | { kind: "paused"; reason: string }
  | { kind: "failed"; code: ErrorCode; message: string; attemptsMade: 0 | 1 };

export const CONTENT_MANUAL_KEPT_WARNING =
  'Conteúdo editado por uma pessoa mantido (sem "sobrescrever edições manuais").';
export const CONTENT_LOCAL_ENGINE_WARNING =
  "A análise local não escreve conteúdo: nenhum texto foi gerado (configure uma chave de IA).";

/**
 * The "conteúdo" field of an AI run, for one photo: a new version (origin BULK) written by the
 * model, like POST …/content without feedback. A current version that is a person's edit is kept
 * (a warning) unless the run overwrites manual edits; the local engine writes no text (a warning,
 * never fake content). A refusal or an empty description fails the photo with its code and keeps
 * the previous version; server errors and timeouts come back after a backoff.
 */
export async function runContentStep(ctx: ContentStepContext): Promise<ContentStepOutcome> {
  const { run, item } = ctx;
  if (run.engine === "local") return { kind: "ok", warnings: [CONTENT_LOCAL_ENGINE_WARNING] };
  const owner = { kind: "image" as const, id: item.imageId };
  const outcome = await produceContent(owner, await loadImageSource(item.imageId), {
    feedback: null,
    actorId: run.createdById,
    origin: "BULK",
    runId: run.id,
    overwriteManual: run.overwriteManual,
  });
  switch (outcome.kind) {
    case "ok":
      return {
        kind: "ok",
        warnings: outcome.result.warnings,
        usage: {
          keyId: outcome.keyId,
          model: outcome.result.model,
          tokensIn: outcome.result.tokensIn,
          tokensOut: outcome.result.tokensOut,
          costUsd: outcome.result.costUsd,
          durationMs: outcome.result.durationMs,
        },
      };
    case "kept_manual":
      return { kind: "ok", warnings: [CONTENT_MANUAL_KEPT_WARNING] };
    case "no_key":
      return { kind: "paused", reason: `Nenhuma chave de IA utilizável: ${outcome.reason}` };
    case "wait":
      return { kind: "retry", notBefore: new Date(Date.now() + outcome.retryInMs), attemptsMade: 0 };
    case "original_missing":
      return { kind: "failed", code: "ORIGINAL_MISSING", message: outcome.message, attemptsMade: 0 };
    case "failed": {
      const { error } = outcome;
      if (error instanceof ContentReplyError)
        return {
          kind: "failed",
          code: error.reason === "empty" ? "AI_CONTENT_EMPTY" : "AI_CONTENT_REFUSED",
          message: `${error.message} A versão anterior do conteúdo foi mantida.`,
          attemptsMade: 1,
        };
      const failure = failureOf(error);
      if (error.kind === "auth" || error.kind === "quota")
        return { kind: "retry", notBefore: null, attemptsMade: 0, error: failure };
      const attempt = item.attempts + 1;
      if (!error.isRetryable || attempt >= getEnv().AI_MAX_ATTEMPTS)
        return { kind: "failed", code: failure.code, message: failure.message, attemptsMade: 1 };
      return {
        kind: "retry",
        notBefore: new Date(Date.now() + backoffDelayMs(attempt)),
        attemptsMade: 1,
        error: failure,
      };
    }
  }
}

import { AiCallError } from "@/lib/ai/errors";
import { getEnv } from "@/lib/config/env";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { backoffDelayMs } from "./backoff";
import type { StepOutcome } from "./item-steps";

/** The item error code and pt-BR message of a provider error that ends the photo. */
export function failureOf(error: AiCallError): { code: ErrorCode; message: string } {
  switch (error.kind) {
    case "invalid_reply":
      return { code: "AI_INVALID_REPLY", message: `Resposta inválida do modelo: ${error.message}` };
    case "bad_request":
      return { code: "AI_BAD_REQUEST", message: `O serviço de IA recusou o pedido: ${error.message}` };
    case "timeout":
      return { code: "AI_TIMEOUT", message: `O serviço de IA não respondeu a tempo: ${error.message}` };
    default:
      return { code: "AI_PROVIDER_ERROR", message: `Falha do serviço de IA: ${error.message}` };
  }
}

/**
 * What a failed provider call (already reported to the key pool) means for the photo: 401/403 and
 * quota errors took the key out, so the photo goes again on another key without counting an attempt
 * (the key was at fault); retryable errors come back after an exponential backoff with jitter until
 * AI_MAX_ATTEMPTS; the others fail the photo at once.
 */
export function outcomeOfFailedCall(attemptsSoFar: number, error: AiCallError): StepOutcome {
  const failure = failureOf(error);
  if (error.kind === "auth" || error.kind === "quota")
    return { kind: "retry", notBefore: null, attemptsMade: 0, error: failure };
  const attempt = attemptsSoFar + 1;
  if (!error.isRetryable || attempt >= getEnv().AI_MAX_ATTEMPTS) {
    const message =
      error.isRetryable && attempt > 1 ? `${failure.message} (após ${attempt} tentativas)` : failure.message;
    return { kind: "failed", code: failure.code, message, attemptsMade: 1 };
  }
  return { kind: "retry", notBefore: new Date(Date.now() + backoffDelayMs(attempt)), attemptsMade: 1, error: failure };
}

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from "openai/core/error";
import { AiCallError } from "@/lib/ai/errors";
import { parseRateLimitHeaders, parseRetryAfterMs } from "./rate-limit-headers";

/** Anything that looks like an API key is cut out of provider messages before they are kept or shown. */
export function redactSecrets(text: string): string {
  return text.replace(/\b(sk|key|api)[-_][A-Za-z0-9_*.-]{4,}/gi, "[chave]");
}

function serverMessage(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null | undefined)?.error ?? body;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === "string" ? redactSecrets(message).slice(0, 300) : "";
}

/** When the server sends no Retry-After, the x-ratelimit reset of the exhausted limit says how long to wait. */
function retryAfterFrom(headers: Headers | null | undefined): number | undefined {
  const explicit = parseRetryAfterMs(headers);
  if (explicit !== undefined) return explicit;
  const limits = parseRateLimitHeaders(headers);
  if (!limits) return undefined;
  const waits = [
    limits.remainingRequests === 0 ? limits.resetRequestsMs : undefined,
    limits.remainingTokens === 0 ? limits.resetTokensMs : undefined,
  ].filter((v): v is number => v !== undefined);
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

/**
 * An HTTP error reply (a chat completion, or one line of a batch's output) as an AiCallError.
 * `body` is the `{error: {...}}` object or its inner `error`.
 */
export function classifyHttpError(status: number, body: unknown, headers?: Headers | null): AiCallError {
  const error = ((body as { error?: unknown } | null)?.error ?? body) as { code?: unknown; type?: unknown } | null;
  const code = typeof error?.code === "string" ? error.code : null;
  const type = typeof error?.type === "string" ? error.type : null;
  const detail = serverMessage(body);
  const suffix = detail ? ` (${detail})` : "";
  if (status === 401 || status === 403) {
    return new AiCallError("auth", `Chave de API recusada pelo provedor (HTTP ${status}).`, { status });
  }
  if (status === 429) {
    if (code === "insufficient_quota" || type === "insufficient_quota") {
      return new AiCallError("quota", "A chave de API está sem crédito (cota esgotada no provedor).", { status });
    }
    const retryAfterMs = retryAfterFrom(headers);
    return new AiCallError("rate_limit", `Limite de requisições do provedor atingido (HTTP 429)${suffix}.`, {
      status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status === 408) return new AiCallError("timeout", "O provedor não respondeu a tempo (HTTP 408).", { status });
  if (status >= 500 || status === 409) {
    return new AiCallError("server", `Erro no servidor do provedor (HTTP ${status})${suffix}.`, { status });
  }
  return new AiCallError("bad_request", `O provedor recusou a requisição (HTTP ${status})${suffix}.`, { status });
}

/** Every failure of a provider call as one AiCallError kind (see lib/ai/errors.ts). */
export function classifyError(error: unknown, durationMs?: number): AiCallError {
  const withDuration = (e: AiCallError) =>
    durationMs === undefined ? e : new AiCallError(e.kind, e.message, { ...e.details, durationMs });
  if (error instanceof AiCallError) return withDuration(error);
  if (error instanceof APIUserAbortError) {
    return withDuration(new AiCallError("timeout", "A chamada ao modelo foi interrompida."));
  }
  if (error instanceof APIConnectionTimeoutError) {
    return withDuration(new AiCallError("timeout", "O modelo não respondeu dentro do tempo limite."));
  }
  if (error instanceof APIConnectionError) {
    return withDuration(new AiCallError("network", "Não foi possível conectar ao provedor do modelo."));
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return withDuration(classifyHttpError(error.status, error.error, error.headers));
  }
  if (error instanceof LengthFinishReasonError) {
    return withDuration(new AiCallError("invalid_reply", "A resposta do modelo foi cortada (limite de tokens)."));
  }
  if (error instanceof ContentFilterFinishReasonError) {
    return withDuration(
      new AiCallError("invalid_reply", "A resposta do modelo foi bloqueada pelo filtro de conteúdo."),
    );
  }
  if (error instanceof Error && error.name === "AbortError") {
    return withDuration(new AiCallError("timeout", "A chamada ao modelo foi interrompida."));
  }
  return withDuration(new AiCallError("network", "Falha inesperada ao chamar o provedor do modelo."));
}

/** A server without structured output refusing `response_format: json_schema` (OpenAI's older models, some compatible servers). */
export function refusesJsonSchema(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422 && error.status !== 501)) {
    return false;
  }
  if (error.param === "response_format") return true;
  return /response_format|json_schema|structured output|guided_json/i.test(error.message);
}

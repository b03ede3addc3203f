import { httpStatusOf, type ErrorCode, type HttpErrorCode } from "@/lib/errors/error-codes";

/**
 * One error type for the API and server actions. The code is stable and has its HTTP status in
 * lib/errors/error-codes.ts; the message is pt-BR for API callers (the UI renders the code).
 * `details` carries the message's parameters and, for a more specific reason, `details.code`.
 */
export type ApiErrorCode = HttpErrorCode;

export type ApiErrorDetails = { code?: ErrorCode; [param: string]: unknown } | readonly unknown[];

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ApiErrorDetails,
    /** Headers the error response must carry (e.g. `Retry-After` on 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return httpStatusOf(this.code);
  }
}

/** The JSON answer for an error: `{error, message, details?}` with its status and the headers it carries. */
export function errorResponse(error: ApiError): Response {
  const body: Record<string, unknown> = { error: error.code, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  return Response.json(body, { status: error.status, headers: error.headers });
}

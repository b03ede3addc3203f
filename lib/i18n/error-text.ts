import { errorParams, isErrorCode, type ErrorCode } from "@/lib/errors/error-codes";

/**
 * An error as the UI receives it: an API answer (`{error, message, details}` read into `code`), a
 * server action's failed result, an upload queue error, a photo's stored failure, or anything thrown.
 */
export type ShownError = { code?: string | null; message?: string | null; details?: unknown };

/** The `errors` namespace's translator (next-intl `useTranslations("errors")` or `createTranslator`). */
export type ErrorTranslator = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type ErrorTextOptions = {
  formatBytes: (bytes: number) => string;
  /** Parameter values the caller knows (e.g. the upload size limit), used when `details` lacks them. */
  params?: Record<string, unknown>;
};

function detailsObject(details: unknown): Record<string, unknown> {
  return details !== null && typeof details === "object" && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : {};
}

const hasParams = (code: ErrorCode, given: Record<string, unknown>) =>
  Object.keys(errorParams(code)).every((name) => given[name] !== undefined && given[name] !== null);

/**
 * The code to render: `details.code`, the more specific reason (e.g. SKU_TAKEN inside a CONFLICT),
 * when the list knows it and its parameters came with it; else the answer's own code.
 */
function shownErrorCode(error: ShownError, given: Record<string, unknown>): ErrorCode | null {
  if (isErrorCode(given.code) && hasParams(given.code, given)) return given.code;
  return isErrorCode(error.code) ? error.code : null;
}

/**
 * The text for an error in the reader's language: `errors.<CODE>` with its parameters. A text with
 * no code at all, or whose code's parameters were never stored, is shown as stored (rows written
 * before codes had them); an unknown code gets the generic message naming the code.
 */
export function errorText(t: ErrorTranslator, raw: unknown, options: ErrorTextOptions): string {
  const error = toShownError(raw);
  if (!error) return "";
  const given = { ...options.params, ...detailsObject(error.details) };
  const code = shownErrorCode(error, given);
  if (code && !hasParams(code, given) && error.message) return error.message;
  if (code && t.has(code)) {
    const values: Record<string, string | number> = {};
    for (const [name, kind] of Object.entries(errorParams(code))) {
      const value = given[name];
      if (kind === "bytes" && typeof value === "number") values[name] = options.formatBytes(value);
      else if (kind === "number" && typeof value === "number") values[name] = value;
      else values[name] = value === undefined || value === null ? "—" : String(value);
    }
    return t(code, values);
  }
  if (!error.code && error.message) return error.message;
  return t("unknown", { code: error.code || "?" });
}

/**
 * Anything the UI holds as an error, as a ShownError: a plain `{code, message, details}` (action
 * result, upload error, photo) as it is; a thrown Error by its `code` (the API client's ApiError,
 * an UploadSendError) or its name, never its English-or-Portuguese message.
 */
export function toShownError(error: unknown): ShownError | null {
  if (error === null || error === undefined) return null;
  if (error instanceof Error) {
    const { code, details } = error as Error & { code?: unknown; details?: unknown };
    return { code: typeof code === "string" ? code : error.name, details };
  }
  if (typeof error === "object") {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    return {
      code: typeof code === "string" ? code : null,
      message: typeof message === "string" ? message : null,
      details,
    };
  }
  return { code: null, message: String(error) };
}

/**
 * Every error code Vitrine sends or shows, for the server and the browser alike (pure data: the
 * API, the upload queue, the carteira parse worker and the UI all read this one list).
 *
 * - `status`: the HTTP status when the code is an answer's `error`; null for a reason that is never
 *   an answer's `error` itself: a more specific `details.code`, a stored failure (an image's
 *   `processingErrorCode`) or a browser-side refusal.
 * - `params`: the values the message is rendered with, read from the answer's `details` (or given
 *   by the browser); `bytes` values are formatted as sizes in the reader's locale.
 *
 * Each code has its message under `errors.<CODE>` in messages/<locale>/errors.json; the server's
 * `message` stays pt-BR for API callers, the UI renders the code.
 */
type ParamKind = "bytes" | "number" | "text";
type ErrorCodeSpec = { status: number | null; params?: Record<string, ParamKind> };

export const ERROR_CODES = {
  // Answers of every route and action.
  UNAUTHENTICATED: { status: 401 },
  INVALID_TOKEN: { status: 401 },
  FORBIDDEN: { status: 403 },
  CSRF_REJECTED: { status: 403 },
  NOT_FOUND: { status: 404 },
  VALIDATION_FAILED: { status: 400 },
  BAD_REQUEST: { status: 400 },
  CONFLICT: { status: 409 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  RANGE_NOT_SATISFIABLE: { status: 416 },
  RATE_LIMITED: { status: 429 },
  INTERNAL: { status: 500 },
  SERVICE_UNAVAILABLE: { status: 503 },

  // A carteira refused as a whole (preview and import).
  EMPTY_FILE: { status: 400 },
  NOT_A_SPREADSHEET: { status: 415 },
  NO_SKU_COLUMN: { status: 422 },
  SPREADSHEET_TOO_LARGE: { status: 413 },
  ZIP_BOMB: { status: 413 },
  SPREADSHEET_TOO_COMPLEX: { status: 413 },
  TOO_MANY_ROWS: { status: 413 },
  TOO_MANY_COLUMNS: { status: 413 },
  SHEET_NOT_FOUND: { status: 400 },
  IMPORT_FAILED: { status: 422 },

  // An edit of a photo that tries to write a carteira field (they belong to the product and the carteira import).
  CARTEIRA_FIELD_READ_ONLY: { status: 400, params: { fields: "text" } },

  // The AI key pool (API and settings page).
  AI_KEY_DUPLICATE: { status: 409 },
  AI_KEY_READ_ONLY: { status: 409 },

  // A carteira row left out or a field ignored (the import's issues, with their parameters).
  SKU_MISSING: { status: null },
  INVALID_NUMBER: { status: null, params: { value: "text", column: "text" } },
  DUPLICATE_SKU: { status: null, params: { sku: "text" } },
  COLLECTION_WITHOUT_BRAND: { status: null, params: { collection: "text" } },

  // `details.code` of a refused upload (the answer's `error` is BAD_REQUEST or PAYLOAD_TOO_LARGE).
  TOO_MANY_FILES: { status: null },
  PATHS_COUNT_MISMATCH: { status: null },
  PATHS_AFTER_FILES: { status: null },
  MIXED_PATH_FIELDS: { status: null },
  FIELD_TOO_LONG: { status: null },
  TOO_MANY_FIELDS: { status: null },
  INVALID_FIELD: { status: null },
  INVALID_UPLOAD_ID: { status: null },

  // `details.code` of a NOT_FOUND.
  TOKEN_NOT_FOUND: { status: null },
  SKU_NOT_FOUND: { status: null, params: { sku: "text" } },

  // `details.code` of a refused bulk action or ZIP download (BAD_REQUEST / PAYLOAD_TOO_LARGE).
  EMPTY_SELECTION: { status: null },
  SELECTION_TOO_LARGE: { status: null, params: { max: "number" } },
  DOWNLOAD_TOO_MANY_FILES: { status: null, params: { max: "number" } },
  DOWNLOAD_TOO_LARGE: { status: null, params: { limit: "bytes" } },
  // `details.code` of a NOT_FOUND download link.
  DOWNLOAD_TICKET_INVALID: { status: null },

  // `details.code` of a CONFLICT.
  BATCH_NOT_ACCEPTING: { status: null },
  SKU_TAKEN: { status: null, params: { sku: "text" } },
  EMAIL_TAKEN: { status: null },
  CANNOT_DISABLE_SELF: { status: null },
  LAST_ADMIN: { status: null },
  INVALID_STATUS_TRANSITION: { status: null, params: { from: "text", to: "text", count: "number" } },
  DUPLICATES_ALREADY_DECIDED: { status: null },

  // Batch lifecycle (lib/batches/retention): `details.code` of a CONFLICT on clone, soft delete,
  // restore, delete and the batch controls.
  BATCH_ACTIVE: { status: null, params: { status: "text" } },
  BATCH_DELETED: { status: null },
  BATCH_NOT_DELETED: { status: null },
  BATCH_PURGE_DUE: { status: null },

  // Why a photo failed to process (Image.processingErrorCode).
  IMAGE_UNSUPPORTED: { status: null },
  IMAGE_TOO_LARGE: { status: null },
  IMAGE_CORRUPT: { status: null },
  IMAGE_EMPTY: { status: null },
  ORIGINAL_MISSING: { status: null },
  PROCESSING_ERROR: { status: null },

  // Direct uploads to the store (lib/batches/direct-upload): `details.code` of a CONFLICT (the
  // store takes no direct uploads), BAD_REQUEST (a ticket forged, expired or of another batch) and
  // NOT_FOUND (no blob at the ticket's pathname); UPLOAD_CONTENT_MISMATCH is also a refusal's reason.
  DIRECT_UPLOADS_DISABLED: { status: null },
  DIRECT_UPLOAD_TICKET_INVALID: { status: null },
  DIRECT_UPLOAD_NOT_FOUND: { status: null },
  UPLOAD_CONTENT_MISMATCH: { status: null },

  // Refused or failed in the browser before or while sending (the upload queue).
  UNSUPPORTED_TYPE: { status: null },
  TOO_LARGE: { status: null, params: { limit: "bytes" } },
  NETWORK_ERROR: { status: null },
  ABORTED: { status: null },
  BAD_RESPONSE: { status: null },
  STORAGE_UPLOAD_FAILED: { status: null },

  // Exports (lib/export): a format the engine does not write.
  EXPORT_FORMAT_UNSUPPORTED: { status: 400, params: { format: "text", formats: "text" } },
  /** POST /export/batches/multiple: ids that name no batch, or a soft-deleted one. */
  EXPORT_BATCHES_NOT_FOUND: { status: 404, params: { ids: "text" } },

  // AI vision runs (lib/ai/runs): refusals of POST /api/v1/ai/runs …
  AI_RUN_TOO_LARGE: { status: 400, params: { max: "number" } },
  AI_BATCH_UNSUPPORTED: { status: 400 },
  // … `details.code` of a CONFLICT on a run's cancel / resume / retry-failed …
  AI_RUN_FINISHED: { status: null },
  AI_RUN_NOT_PAUSED: { status: null },
  // … and why one photo of a run failed or was skipped (AiRunItem.errorCode, Image.aiErrorCode).
  AI_INVALID_REPLY: { status: null },
  AI_BAD_REQUEST: { status: null },
  AI_PROVIDER_ERROR: { status: null },
  AI_TIMEOUT: { status: null },
  AI_NO_KEYS: { status: null },
  AI_BATCH_FAILED: { status: null },
  AI_IMAGE_NOT_READY: { status: null },
  // Text on the photo (the "texto" step, lib/ai/text/text-step.ts): why the OCR of one photo failed.
  OCR_TIMEOUT: { status: null },
  OCR_MEMORY: { status: null },
  OCR_FAILED: { status: null },

  // A URL of a URL batch that was not fetched (lib/url-fetch): stored on its item.
  URL_INVALID: { status: null },
  URL_SCHEME_REFUSED: { status: null, params: { scheme: "text" } },
  URL_CREDENTIALS_REFUSED: { status: null },
  URL_ADDRESS_BLOCKED: { status: null, params: { host: "text", address: "text", range: "text" } },
  URL_TOO_MANY_REDIRECTS: { status: null, params: { max: "number" } },
  URL_HTTP_ERROR: { status: null, params: { host: "text", status: "number" } },
  URL_TOO_LARGE: { status: null, params: { max: "bytes" } },
  URL_TIMEOUT: { status: null, params: { host: "text", seconds: "number" } },
  URL_FETCH_FAILED: { status: null, params: { host: "text" } },
  URL_DNS_FAILED: { status: null, params: { host: "text" } },
  URL_CONNECTION_REFUSED: { status: null, params: { host: "text" } },
  // URL batches, fetching (lib/batches/url-chunks): a URL's file stored but refused by the pipeline …
  URL_NOT_IMAGE: { status: null },
  URL_EMPTY: { status: null },
  URL_STORAGE_FAILED: { status: null },
  // … and `details.code` of a CONFLICT on reprocess: nothing failed of the kind asked for.
  NOTHING_TO_REPROCESS: { status: null },

  // URL lists (lib/batches/url-list): a list refused as a whole (create and preview) …
  URL_LIST_EMPTY: { status: 400 },
  URL_LIST_TOO_LARGE: { status: 413, params: { limit: "bytes" } },
  URL_LIST_TOO_MANY_LINES: { status: 413, params: { max: "number" } },
  URL_LIST_NO_URL_COLUMN: { status: 422 },
  URL_LIST_NO_VALID_URLS: { status: 422 },
  // … and why one line of a list was not taken (stored on its BatchUrl as FAILED, INVALID_URL).
  URL_TOO_LONG: { status: null, params: { max: "number" } },
  URL_MISSING: { status: null },

  // AI content (lib/ai/content): answers of the content API …
  CONTENT_FEEDBACK_TOO_LONG: { status: 400, params: { max: "number" } },
  AI_CONTENT_NO_KEYS: { status: 503 },
  AI_CONTENT_EMPTY: { status: 502 },
  AI_CONTENT_REFUSED: { status: 502 },
  AI_CONTENT_FAILED: { status: 502 },
  AI_CONTENT_NO_PHOTO: { status: 409 },
  // … and the warnings of a run's content step (AiRunItem.warnings).
  AI_CONTENT_MANUAL_KEPT: { status: null },
  AI_CONTENT_LOCAL_ENGINE: { status: null },

  // System and queue administration (lib/system, issue #15).
  UNKNOWN_QUEUE: { status: 400, params: { name: "text" } },
  BATCH_NOT_STUCK: { status: 409 },
  BATCH_NOT_RESETTABLE: { status: 409, params: { status: "text" } },

  // Image generation (lib/generation, issue #17): prompt files and typed prompts…
  PROMPT_FILE_EMPTY: { status: 400 },
  PROMPT_EMPTY: { status: 400, params: { index: "number" } },
  PROMPT_FILE_TOO_LARGE: { status: 413, params: { limit: "bytes" } },
  PROMPT_FILE_BINARY: { status: 415 },
  PROMPT_TOO_LONG: { status: 400, params: { index: "number", max: "number" } },
  PROMPT_QUANTITY_INVALID: { status: 400, params: { index: "number", max: "number" } },
  PROMPT_TOO_MANY_IMAGES: { status: 400, params: { max: "number" } },
  PROMPT_TOO_MANY_PROMPTS: { status: 400, params: { max: "number" } },
  // … a job's controls …
  GENERATION_INVALID_STATE: { status: 409, params: { status: "text" } },
  // … why a job paused (GenerationJob.pauseCode) and why an image failed (GenerationItem.errorCode).
  GENERATION_NO_KEYS: { status: null },
  GENERATION_KEYS_EXHAUSTED: { status: null },
  GENERATION_CONTENT_POLICY: { status: null },
  GENERATION_NO_IMAGE_DATA: { status: null },
  GENERATION_INVALID_BASE64: { status: null },
  GENERATION_NOT_AN_IMAGE: { status: null },
  GENERATION_TIMEOUT: { status: null },
  GENERATION_PROVIDER_ERROR: { status: null },
  GENERATION_STORE_FAILED: { status: null },
  // Export jobs (lib/export/jobs): the file is not written yet (details.status), past its expiry, or the job failed.
  EXPORT_JOB_NOT_READY: { status: 409, params: { status: "text" } },
  EXPORT_JOB_EXPIRED: { status: 410 },
  EXPORT_JOB_FAILED: { status: null },
  // The dry run before an upload (POST /api/v1/batches/{id}/dry-run): more names than one request takes.
  DRY_RUN_TOO_MANY_NAMES: { status: 413, params: { max: "number" } },
  // A shot list (required angles of a collection) refused whole (lib/reports/shot-list, issue #16).
  SHOT_LIST_EMPTY_ANGLE_NAME: { status: 400, params: { position: "number" } },
  SHOT_LIST_DUPLICATE_ANGLE: { status: 400, params: { angle: "text" } },
  SHOT_LIST_ALIAS_CONFLICT: { status: 400, params: { alias: "text", angle: "text", other: "text" } },
  SHOT_LIST_INVALID_ALIAS: { status: 400, params: { alias: "text", angle: "text" } },
  SHOT_LIST_TOO_MANY_ANGLES: { status: 400, params: { max: "number" } },
  SHOT_LIST_TOO_MANY_ALIASES: { status: 400, params: { angle: "text", max: "number" } },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes an HTTP answer may carry as its `error`. */
export type HttpErrorCode = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]["status"] extends number ? C : never;
}[ErrorCode];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

export function httpStatusOf(code: HttpErrorCode): number {
  return ERROR_CODES[code].status;
}

export function errorParams(code: ErrorCode): Readonly<Record<string, ParamKind>> {
  const spec: ErrorCodeSpec = ERROR_CODES[code];
  return spec.params ?? {};
}

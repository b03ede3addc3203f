/**
 * The browser transport of the upload queue: multipart POSTs through XMLHttpRequest (fetch has no
 * upload progress), one per file (`sendBatchFile`) or one for several small files of a batch
 * (`sendBatchFiles`: the browser's cost per request, not the bytes, bounds small files). Network
 * errors and 5xx become retryable UploadSendErrors; 4xx are final, with the server's code (shown
 * through useErrorText) and pt-BR message.
 */
import { ERROR_CODES, isErrorCode } from "@/lib/errors/error-codes";
import {
  UploadSendError,
  type GroupMemberOutcome,
  type SendContext,
  type SendOutcome,
  type UploadItem,
} from "./upload-queue";

type FileResult = {
  uploadId: string;
  status: SendOutcome["status"];
  imageId?: string | null;
  error?: { code: string; message: string } | null;
};

type Payload = {
  results?: FileResult[];
  error?: string;
  message?: string;
  details?: { results?: FileResult[] };
} | null;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** 408 and 429 are worth retrying like 5xx; every other 4xx is the file's final answer. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The multipart body: `uploadId`, `path`, `file` per file, in the items' order. */
export function uploadFormData(items: readonly UploadItem<File>[]): FormData {
  const body = new FormData();
  for (const item of items) {
    // Order matters: the server streams the multipart body and reads the fields before each file.
    body.append("uploadId", item.uploadId);
    body.append("path", item.relativePath);
    body.append("file", item.file, item.name);
  }
  return body;
}

const badResponse = (httpStatus: number) =>
  new UploadSendError("BAD_RESPONSE", "Resposta inesperada do servidor", true, httpStatus);

const toOutcome = (result: FileResult): SendOutcome => ({
  status: result.status,
  imageId: result.imageId ?? null,
  error: result.error ?? null,
});

/**
 * A member refused for the server's own trouble (storage or database down: a 5xx code) or left
 * out of the request (TOO_MANY_FILES): alone it would have been a 5xx and retried, not a refusal.
 */
function serverSideFailure(result: FileResult): UploadSendError | null {
  const code = result.error?.code;
  if (result.status !== "rejected" || !code) return null;
  const status = isErrorCode(code) ? ERROR_CODES[code].status : null;
  if (code !== "TOO_MANY_FILES" && (status === null || status < 500)) return null;
  return new UploadSendError(code, result.error!.message, true, status ?? 503);
}

/**
 * A 2xx answer for several files, per member in the items' order. A member the server did not
 * answer for, or refused for its own trouble, gets a retryable error of its own: the others keep
 * their results.
 */
export function outcomesByUploadId(
  items: readonly UploadItem<File>[],
  results: readonly FileResult[] | undefined,
  httpStatus: number,
): GroupMemberOutcome[] {
  const byId = new Map((results ?? []).map((result) => [result.uploadId, result]));
  return items.map((item) => {
    const result = byId.get(item.uploadId);
    if (!result) return badResponse(httpStatus);
    return serverSideFailure(result) ?? toOutcome(result);
  });
}

/** A non-2xx answer as the request's error; `code` wins over the payload's (a single file's precise code). */
function requestError(status: number, payload: Payload, code?: string): UploadSendError {
  const message = payload?.message ?? `HTTP ${status}`;
  return new UploadSendError(code ?? payload?.error ?? `HTTP_${status}`, message, isRetryableStatus(status), status);
}

/** One POST of `items` (all of one batch) with upload progress: the answer's status and JSON. */
function postFiles(
  items: readonly UploadItem<File>[],
  { signal, onProgress }: SendContext,
): Promise<{ status: number; payload: Payload }> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadSendError("ABORTED", "Envio cancelado", false));
      return;
    }
    const body = uploadFormData(items);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/batches/${encodeURIComponent(items[0]!.batchId)}/files`);
    xhr.responseType = "text";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    const onAbort = () => xhr.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);

    xhr.onload = () => {
      done();
      resolve({ status: xhr.status, payload: parseJson(xhr.responseText) as Payload });
    };
    xhr.onerror = () => {
      done();
      reject(new UploadSendError("NETWORK_ERROR", "Falha de rede", true));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new UploadSendError("ABORTED", "Envio cancelado", false));
    };
    xhr.send(body);
  });
}

const isOk = (status: number) => status >= 200 && status < 300;

export async function sendBatchFile(item: UploadItem<File>, ctx: SendContext): Promise<SendOutcome> {
  const { status, payload } = await postFiles([item], ctx);
  if (isOk(status)) {
    const result = payload?.results?.find((r) => r.uploadId === item.uploadId) ?? payload?.results?.[0];
    if (!result) throw badResponse(status);
    return toOutcome(result);
  }
  // A single refused file answers with its own status; its result carries the precise code (EMPTY_FILE under a 400).
  throw requestError(
    status,
    payload,
    payload?.details?.results?.find((r) => r.uploadId === item.uploadId)?.error?.code,
  );
}

/**
 * Answers about the request itself (its body: a malformed field of one member, a body over a
 * proxy's limit), not about the batch or the session: each member is then sent alone, so one bad
 * file never refuses the others.
 */
const isAboutTheBody = (status: number) => status === 400 || status === 413;

/**
 * Several files of one batch in one request (the queue sends a lone file through
 * `sendBatchFile`). A 2xx answer is mapped per member by uploadId. A 400 or 413 sends the members
 * one by one and answers theirs; any other non-2xx is the whole request's error, thrown.
 */
export async function sendBatchFiles(items: UploadItem<File>[], ctx: SendContext): Promise<GroupMemberOutcome[]> {
  const { status, payload } = await postFiles(items, ctx);
  if (isOk(status)) return outcomesByUploadId(items, payload?.results, status);
  if (!isAboutTheBody(status)) throw requestError(status, payload);
  const outcomes: GroupMemberOutcome[] = [];
  let sent = 0;
  for (const item of items) {
    const alone = { signal: ctx.signal, onProgress: (loaded: number) => ctx.onProgress(sent + loaded) };
    try {
      outcomes.push(await sendBatchFile(item, alone));
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      outcomes.push(
        error instanceof UploadSendError ? error : new UploadSendError("NETWORK_ERROR", "Falha de rede", true),
      );
    }
    sent += item.size;
  }
  return outcomes;
}

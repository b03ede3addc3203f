/**
 * The browser transport of the upload queue: one multipart POST per file through XMLHttpRequest
 * (fetch has no upload progress). Network errors and 5xx become retryable UploadSendErrors; 4xx
 * are final, with the server's code (shown through useErrorText) and pt-BR message.
 */
import { UploadSendError, type SendContext, type SendOutcome, type UploadItem } from "./upload-queue";

type FileResult = {
  uploadId: string;
  status: SendOutcome["status"];
  imageId?: string | null;
  error?: { code: string; message: string } | null;
};

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

export function sendBatchFile(item: UploadItem<File>, { signal, onProgress }: SendContext): Promise<SendOutcome> {
  return new Promise<SendOutcome>((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadSendError("ABORTED", "Envio cancelado", false));
      return;
    }
    const body = new FormData();
    // Order matters: the server streams the multipart body and reads the fields before the file.
    body.append("uploadId", item.uploadId);
    body.append("path", item.relativePath);
    body.append("file", item.file, item.name);

    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/batches/${encodeURIComponent(item.batchId)}/files`);
    xhr.responseType = "text";
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    const onAbort = () => xhr.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);

    xhr.onload = () => {
      done();
      const payload = parseJson(xhr.responseText) as {
        results?: FileResult[];
        error?: string;
        message?: string;
        details?: { results?: FileResult[] };
      } | null;
      if (xhr.status >= 200 && xhr.status < 300) {
        const result = payload?.results?.find((r) => r.uploadId === item.uploadId) ?? payload?.results?.[0];
        if (!result) {
          reject(new UploadSendError("BAD_RESPONSE", "Resposta inesperada do servidor", true, xhr.status));
          return;
        }
        resolve({ status: result.status, imageId: result.imageId ?? null, error: result.error ?? null });
        return;
      }
      // A single refused file answers with its own status; its result carries the precise code (EMPTY_FILE under a 400).
      const code =
        payload?.details?.results?.find((r) => r.uploadId === item.uploadId)?.error?.code ??
        payload?.error ??
        `HTTP_${xhr.status}`;
      const message = payload?.message ?? `HTTP ${xhr.status}`;
      reject(new UploadSendError(code, message, isRetryableStatus(xhr.status), xhr.status));
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

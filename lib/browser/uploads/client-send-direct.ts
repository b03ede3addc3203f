/**
 * The browser transport when the store is Vercel Blob (lib/batches/direct-upload): the file goes
 * straight to the store, never through our functions (a serverless request body is capped at a few
 * MB). Per file: its type from the first bytes and its sha256 (Web Crypto), a client token for a
 * pathname our server picks (`POST …/direct-uploads`), the PUT with `put` from `@vercel/blob/client`,
 * then the confirm (`POST …/direct-uploads/complete`), which records the file unless the store's
 * callback already did. Errors follow the streaming transport: network errors and 5xx retry, a 4xx
 * is the file's final answer with the server's code.
 */
import { put } from "@vercel/blob/client";
import type { DirectUploadGrant } from "@/lib/batches/direct-upload/types";
import { detectImageType, IMAGE_SNIFF_BYTES } from "@/lib/images/detect-image-type";
import { isRetryableStatus } from "./client-send-file";
import { UploadSendError, type SendContext, type SendOutcome, type UploadItem } from "./upload-queue";

type Completed = {
  results: { status: SendOutcome["status"]; imageId?: string | null; error?: SendOutcome["error"] }[];
};

const aborted = () => new UploadSendError("ABORTED", "Envio cancelado", false);

async function postJson<T>(url: string, body: unknown, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  } catch {
    throw signal.aborted ? aborted() : new UploadSendError("NETWORK_ERROR", "Falha de rede", true);
  }
  const payload = (await response.json().catch(() => null)) as
    (T & { error?: string; message?: string; details?: { code?: string } }) | null;
  if (response.ok && payload) return payload;
  const code = payload?.details?.code ?? payload?.error ?? `HTTP_${response.status}`;
  throw new UploadSendError(
    code,
    payload?.message ?? `HTTP ${response.status}`,
    isRetryableStatus(response.status),
    response.status,
  );
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function sendDirectToBlob(
  item: UploadItem<File>,
  { signal, onProgress }: SendContext,
): Promise<SendOutcome> {
  if (signal.aborted) throw aborted();
  const { file } = item;
  const head = new Uint8Array(await file.slice(0, IMAGE_SNIFF_BYTES).arrayBuffer());
  const batchUrl = `/api/v1/batches/${encodeURIComponent(item.batchId)}/direct-uploads`;
  const grant = await postJson<DirectUploadGrant>(
    batchUrl,
    {
      uploadId: item.uploadId,
      path: item.relativePath,
      size: file.size,
      // What the bytes say, not the name: the server refuses what is no accepted image.
      contentType: detectImageType(head)?.mime ?? (file.type || "application/octet-stream"),
      sha256: await sha256Hex(file),
    },
    signal,
  );
  if (grant.status === "already_uploaded") return { status: "already_uploaded", imageId: grant.imageId };
  // The client reads its API address from process.env at each request: the server's, when it is not Vercel's.
  if (grant.apiUrl) process.env.VERCEL_BLOB_API_URL = grant.apiUrl;
  try {
    await put(grant.pathname, file, {
      access: grant.access,
      token: grant.clientToken,
      contentType: grant.contentType,
      abortSignal: signal,
      // With a progress callback the client streams the body through fetch (Chromium: HTTP/2 only),
      // deciding so once, from Vercel's own address: a Blob API on plain HTTP/1.1 (a local store)
      // gets the whole file instead, and its progress when the PUT ends.
      onUploadProgress: grant.apiUrl ? undefined : ({ loaded }) => onProgress(loaded),
    });
  } catch (error) {
    if (signal.aborted) throw aborted();
    throw new UploadSendError("STORAGE_UPLOAD_FAILED", error instanceof Error ? error.message : String(error), true);
  }
  const { results } = await postJson<Completed>(`${batchUrl}/complete`, { ticket: grant.ticket }, signal);
  const result = results[0];
  if (!result) throw new UploadSendError("BAD_RESPONSE", "Resposta inesperada do servidor", true);
  return { status: result.status, imageId: result.imageId ?? null, error: result.error ?? null };
}

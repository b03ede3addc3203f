import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { BlobNotFoundError, del, head, list, put } from "@vercel/blob";
import { assertValidKey, assertValidPrefix, isValidKey } from "./keys";
import { normalizeListLimit, parseContentRange, rangeHeader, resolveRange } from "./range";
import type { ResolvedRange } from "./range";
import type {
  BlobStorage,
  ByteRange,
  GetResult,
  HeadResult,
  ListOptions,
  ListResult,
  PutOptions,
  PutResult,
} from "./types";
import { StorageError } from "./types";

export interface VercelBlobStorageOptions {
  /** Read-write store token (`vercel_blob_rw_<storeId>_…`). */
  token: string;
  /**
   * "private" (default) keeps originals off the public CDN: reads need the token, so they go through
   * the app. Use "public" only for a store created as public.
   */
  access?: "private" | "public";
  /** Deadline for metadata calls (head/list/delete, and for get until response headers arrive). */
  requestTimeoutMs?: number;
  /** Deadline for ping(); short so a health check never hangs on the client's retry backoff. */
  pingTimeoutMs?: number;
  /** VERCEL_BLOB_API_URL when set (a local store, a proxy): handed to browsers that upload directly. */
  apiUrl?: string;
}

interface Context {
  token: string;
  access: "private" | "public";
  requestTimeoutMs: number;
  pingTimeoutMs: number;
}

interface RemoteBlob extends HeadResult {
  url: string;
}

const DEFAULT_CONTENT_TYPE = "application/octet-stream";

function mapBlobError(err: unknown, action: string, key: string): StorageError {
  if (err instanceof StorageError) return err;
  if (err instanceof BlobNotFoundError) {
    return new StorageError("NOT_FOUND", `Blob ${JSON.stringify(key)} not found`, { cause: err });
  }
  // Auth, store, network, rate-limit and timeout failures all mean "the backend is not usable right now".
  return new StorageError("STORAGE_UNAVAILABLE", `Vercel Blob failed to ${action} ${JSON.stringify(key)}`, {
    cause: err,
  });
}

/**
 * Runs `fn` with an AbortSignal that fires after `ms`. We abort without a reason on purpose: the client
 * only stops retrying on a DOMException named "AbortError"; AbortSignal.timeout()'s "TimeoutError"
 * would be retried with exponential backoff (up to 10 times by default).
 */
async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Passes the caller's stream through while counting bytes. A source error aborts the upload at once
 * (otherwise the client would treat it as a network error and retry with backoff on a dead stream).
 */
function meteredBody(source: Readable, onBytes: (n: number) => void, onError: (err: unknown) => void): Readable {
  async function* relay(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of source) {
        const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
        onBytes(buffer.length);
        yield buffer;
      }
    } catch (err) {
      onError(err);
      throw err;
    }
  }
  return Readable.from(relay(), { objectMode: false });
}

async function putBlob(ctx: Context, key: string, body: Readable | Buffer, opts: PutOptions): Promise<PutResult> {
  assertValidKey(key);
  const controller = new AbortController();
  let size = Buffer.isBuffer(body) ? body.length : 0;
  let sourceError: unknown;
  const payload = Buffer.isBuffer(body)
    ? body
    : meteredBody(
        body,
        (n) => (size += n),
        (err) => {
          sourceError = err;
          controller.abort();
        },
      );
  try {
    // Single streaming PUT (not multipart): multipart buffers 8 MB parts in memory, several at a time.
    await put(key, payload, {
      access: ctx.access,
      token: ctx.token,
      contentType: opts.contentType,
      addRandomSuffix: false,
      allowOverwrite: true,
      abortSignal: controller.signal,
    });
    return { key, size };
  } catch (err) {
    // The caller's own stream failure is theirs to see, unwrapped (same as the local driver).
    if (sourceError !== undefined) throw sourceError;
    throw mapBlobError(err, "put", key);
  }
}

async function headBlob(ctx: Context, key: string): Promise<RemoteBlob | null> {
  assertValidKey(key);
  try {
    const meta = await withDeadline(ctx.requestTimeoutMs, (abortSignal) =>
      head(key, { token: ctx.token, abortSignal }),
    );
    return {
      url: meta.url,
      size: meta.size,
      contentType: meta.contentType || DEFAULT_CONTENT_TYPE,
      uploadedAt: meta.uploadedAt,
    };
  } catch (err) {
    if (err instanceof BlobNotFoundError) return null;
    throw mapBlobError(err, "head", key);
  }
}

/**
 * GETs the blob URL ourselves rather than via the client's get(): get() only accepts
 * *.blob.vercel-storage.com URLs (so it cannot reach a test server) and exposes no Content-Range.
 * Private blobs are read with the same bearer token, exactly as get() does.
 */
async function fetchContent(ctx: Context, url: string, range: ByteRange | undefined): Promise<Response> {
  const headers: Record<string, string> = {};
  if (ctx.access === "private") headers.authorization = `Bearer ${ctx.token}`;
  if (range) headers.range = rangeHeader(range);
  // The deadline covers connecting and response headers only; the body may stream for as long as it needs.
  return withDeadline(ctx.requestTimeoutMs, (signal) => fetch(url, { headers, signal }));
}

function toNodeStream(body: Response["body"]): Readable {
  if (!body) return Readable.from([]);
  return Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>);
}

/** Fallback for a server that ignores Range and answers 200: drop bytes outside [start, end]. */
function sliceStream(source: Readable, range: ResolvedRange): Readable {
  async function* slice(): AsyncGenerator<Buffer> {
    let offset = 0;
    for await (const chunk of source) {
      const buffer = Buffer.from(chunk as Uint8Array);
      const from = Math.max(range.start - offset, 0);
      const to = Math.min(range.end + 1 - offset, buffer.length);
      if (from < to) yield buffer.subarray(from, to);
      offset += buffer.length;
      if (offset > range.end) break;
    }
  }
  return Readable.from(slice(), { objectMode: false });
}

async function readResponse(
  response: Response,
  meta: RemoteBlob,
  requested: ResolvedRange | undefined,
): Promise<GetResult | null> {
  const contentType = response.headers.get("content-type") || meta.contentType;
  if (response.status === 404) {
    await response.body?.cancel(); // free the connection
    return null; // deleted between head and fetch
  }
  if (response.status === 416) {
    await response.body?.cancel();
    throw new StorageError("RANGE_NOT_SATISFIABLE", "Range not satisfiable");
  }
  if (response.status === 206) {
    const served = parseContentRange(response.headers.get("content-range"));
    if (!served) throw new StorageError("STORAGE_UNAVAILABLE", "Partial response without a valid Content-Range");
    return {
      body: toNodeStream(response.body),
      size: served.total,
      contentType,
      range: { start: served.start, end: served.end },
    };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new StorageError("STORAGE_UNAVAILABLE", `Blob content request failed with HTTP ${response.status}`);
  }
  const full = toNodeStream(response.body);
  if (!requested) return { body: full, size: meta.size, contentType };
  return { body: sliceStream(full, requested), size: meta.size, contentType, range: requested };
}

async function getBlob(ctx: Context, key: string, range?: ByteRange): Promise<GetResult | null> {
  const meta = await headBlob(ctx, key);
  if (!meta) return null;
  // Checking against the known size first avoids a round trip and gives the same error as the local driver.
  const requested = range ? resolveRange(range, meta.size) : undefined;
  try {
    const response = await fetchContent(ctx, meta.url, range);
    return await readResponse(response, meta, requested);
  } catch (err) {
    throw mapBlobError(err, "get", key);
  }
}

async function deleteBlob(ctx: Context, key: string): Promise<void> {
  assertValidKey(key);
  try {
    // The API treats deleting a missing blob as success, which is the idempotency we promise.
    await withDeadline(ctx.requestTimeoutMs, (abortSignal) => del(key, { token: ctx.token, abortSignal }));
  } catch (err) {
    if (err instanceof BlobNotFoundError) return;
    throw mapBlobError(err, "delete", key);
  }
}

async function listBlobs(
  ctx: Context,
  prefix: string,
  opts: ListOptions = {},
  timeoutMs = ctx.requestTimeoutMs,
): Promise<ListResult> {
  assertValidPrefix(prefix);
  try {
    const page = await withDeadline(timeoutMs, (abortSignal) =>
      list({
        token: ctx.token,
        prefix: prefix || undefined,
        cursor: opts.cursor || undefined,
        limit: normalizeListLimit(opts.limit),
        abortSignal,
      }),
    );
    const items = page.blobs
      // Folder placeholders ("a/b/") created by other tools are not objects.
      .filter((blob) => isValidKey(blob.pathname))
      .map((blob) => ({ key: blob.pathname, size: blob.size, uploadedAt: blob.uploadedAt }));
    return page.hasMore && page.cursor ? { items, cursor: page.cursor } : { items };
  } catch (err) {
    throw mapBlobError(err, "list", prefix);
  }
}

async function pingStore(ctx: Context): Promise<void> {
  await listBlobs(ctx, "", { limit: 1 }, ctx.pingTimeoutMs);
}

export function createVercelBlobStorage(options: VercelBlobStorageOptions): BlobStorage {
  if (!options.token) throw new StorageError("STORAGE_UNAVAILABLE", "Vercel Blob token is empty");
  const ctx: Context = {
    token: options.token,
    access: options.access ?? "private",
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    pingTimeoutMs: options.pingTimeoutMs ?? 5_000,
  };
  return {
    driver: "vercel",
    clientUploads: { token: ctx.token, access: ctx.access, apiUrl: options.apiUrl },
    put: (key, body, opts) => putBlob(ctx, key, body, opts),
    get: (key, range) => getBlob(ctx, key, range),
    head: async (key) => {
      const meta = await headBlob(ctx, key);
      return meta && { size: meta.size, contentType: meta.contentType, uploadedAt: meta.uploadedAt };
    },
    delete: (key) => deleteBlob(ctx, key),
    list: (prefix, opts) => listBlobs(ctx, prefix, opts),
    ping: () => pingStore(ctx),
    localPath: () => null,
    // Each put is one streaming request: the store keeps the object only once the request completes.
    pruneIncompleteWrites: async () => 0,
  };
}

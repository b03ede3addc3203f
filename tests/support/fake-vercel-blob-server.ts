/**
 * A small in-memory stand-in for the Vercel Blob HTTP API, good enough for the real `@vercel/blob`
 * client when `VERCEL_BLOB_API_URL` points at `url`. Only what lib/storage uses is implemented:
 *   PUT  {url}/?pathname=…        upload (x-content-type, x-allow-overwrite, x-add-random-suffix, x-vercel-blob-access)
 *   GET  {url}?url=…              head
 *   GET  {url}?prefix&limit&cursor list
 *   POST {url}/delete             delete ({ urls: [...] }, urls or pathnames)
 *   GET  /blobs/<pathname>        content, with Range (206 / 416); private blobs need the bearer token
 * Errors use the API's `{ error: { code, message } }` shape so the client maps them to its Blob*Error classes.
 *
 * Client uploads (`@vercel/blob/client`): a PUT may carry a client token instead of the read-write
 * token (`vercel_blob_client_<storeId>_<base64(hmac.payload)>`, signed by `generateClientTokenFromReadWriteToken`
 * with the read-write token). Its signature, `validUntil`, `pathname`, `allowedContentTypes`,
 * `maximumSizeInBytes` and `allowOverwrite` are enforced as the real service does, and when it names
 * `onUploadCompleted.callbackUrl` the server POSTs `blob.upload-completed` there afterwards, signed
 * with `x-vercel-signature` (HMAC-SHA256 of the body, keyed by the read-write token). The API answers
 * CORS (browsers PUT to it straight from the page).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeVercelBlobServer {
  /** API base URL: assign to process.env.VERCEL_BLOB_API_URL. */
  url: string;
  /** Read-write token accepted by the server (`vercel_blob_rw_<storeId>_<secret>` like the real ones). */
  token: string;
  /** Pathnames currently stored, sorted (for assertions). */
  pathnames(): string[];
  /** Completion callbacks sent (or attempted) for client uploads, in order: the URL and the HTTP status (0: unreachable). */
  callbacks(): { url: string; status: number }[];
  /** Resolves once every callback started so far has been answered. */
  callbacksSettled(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeVercelBlobServerOptions {
  /** Answer content requests with 200 and the whole body even when a Range is sent (tests client fallbacks). */
  ignoreRange?: boolean;
  /** Keep completion callbacks to yourself (a local run where the store cannot reach the app). */
  skipCallbacks?: boolean;
  /** Fixed port and token (a server started for another process, e2e); random by default. */
  port?: number;
  token?: string;
}

/** What a client token grants, as `generateClientTokenFromReadWriteToken` signs it. */
interface ClientTokenGrant {
  pathname?: string;
  validUntil?: number;
  maximumSizeInBytes?: number;
  allowedContentTypes?: string[];
  allowOverwrite?: boolean;
  addRandomSuffix?: boolean;
  onUploadCompleted?: { callbackUrl: string; tokenPayload?: string | null };
}

type PutAuth = { kind: "readWrite" } | { kind: "client"; grant: ClientTokenGrant };

interface StoredBlob {
  pathname: string;
  data: Buffer;
  contentType: string;
  access: string;
  uploadedAt: Date;
  etag: string;
}

const API_PATH = "/api/blob";
const CONTENT_PATH = "/blobs/";
const MAX_LIST_LIMIT = 1000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": payload.length });
  res.end(payload);
}

function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: { code: err.code, message: err.message } });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function isAuthorized(req: IncomingMessage, token: string): boolean {
  return req.headers.authorization === `Bearer ${token}`;
}

const forbidden = () =>
  new HttpError(403, "forbidden", "Access denied, please provide a valid token for this resource.");

function requireAuth(req: IncomingMessage, token: string): void {
  if (!isAuthorized(req, token)) throw forbidden();
}

/** The read-write token, or a client token it signed (PUT only); anything else is a 403. */
function putAuth(req: IncomingMessage, token: string): PutAuth {
  if (isAuthorized(req, token)) return { kind: "readWrite" };
  const bearer = /^Bearer (vercel_blob_client_[^_]+_(.+))$/.exec(req.headers.authorization ?? "");
  if (!bearer) throw forbidden();
  const [signature = "", payload = ""] = Buffer.from(bearer[2]!, "base64").toString("utf8").split(".");
  const expected = createHmac("sha256", token).update(payload).digest("hex");
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
    throw forbidden();
  const grant = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as ClientTokenGrant;
  if (typeof grant.validUntil === "number" && grant.validUntil < Date.now())
    throw new HttpError(403, "forbidden", "The client token has expired.");
  return { kind: "client", grant };
}

function isContentTypeAllowed(contentType: string, allowed: string[] | undefined): boolean {
  if (!allowed?.length) return true;
  const [type] = contentType.split("/");
  return allowed.includes(contentType) || allowed.includes(`${type}/*`);
}

function withCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-allow-methods", "GET, PUT, POST, OPTIONS");
  // Named, not "*": a wildcard does not cover `authorization`.
  res.setHeader("access-control-allow-headers", req.headers["access-control-request-headers"] ?? "*");
  res.setHeader("access-control-max-age", "600");
}

class FakeBlobStore {
  private readonly blobs = new Map<string, StoredBlob>();
  /** Known only once the server listens on its random port. */
  origin = "";

  contentUrl(pathname: string): string {
    return `${this.origin}${CONTENT_PATH}${pathname.split("/").map(encodeURIComponent).join("/")}`;
  }

  /** The API accepts either a blob URL or a bare pathname wherever it takes `url`. */
  pathnameOf(urlOrPathname: string): string {
    if (!/^https?:\/\//.test(urlOrPathname)) return urlOrPathname;
    const { pathname } = new URL(urlOrPathname);
    const raw = pathname.startsWith(CONTENT_PATH) ? pathname.slice(CONTENT_PATH.length) : pathname.slice(1);
    return decodeURIComponent(raw);
  }

  get(pathname: string): StoredBlob | undefined {
    return this.blobs.get(pathname);
  }

  set(blob: StoredBlob): void {
    this.blobs.set(blob.pathname, blob);
  }

  delete(pathname: string): void {
    this.blobs.delete(pathname);
  }

  sortedPathnames(): string[] {
    return [...this.blobs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  describe(blob: StoredBlob): Record<string, unknown> {
    const url = this.contentUrl(blob.pathname);
    return {
      url,
      downloadUrl: `${url}?download=1`,
      pathname: blob.pathname,
      size: blob.data.length,
      contentType: blob.contentType,
      contentDisposition: `inline; filename="${blob.pathname.split("/").pop() ?? ""}"`,
      cacheControl: "public, max-age=2592000",
      uploadedAt: blob.uploadedAt.toISOString(),
      etag: blob.etag,
    };
  }
}

async function handlePut(
  req: IncomingMessage,
  res: ServerResponse,
  store: FakeBlobStore,
  query: URLSearchParams,
  auth: PutAuth,
  data: Buffer,
): Promise<StoredBlob> {
  let pathname = query.get("pathname") ?? "";
  if (!pathname || pathname.includes("//")) throw new HttpError(400, "bad_request", "Invalid pathname");
  const grant = auth.kind === "client" ? auth.grant : null;
  const contentType = String(req.headers["x-content-type"] ?? "application/octet-stream");
  if (grant) {
    // A client token is for one pathname, chosen by the server that signed it.
    if (grant.pathname !== pathname) throw forbidden();
    if (!isContentTypeAllowed(contentType, grant.allowedContentTypes))
      throw new HttpError(400, "bad_request", `Content type mismatch, ${contentType} is not allowed`);
  }
  const randomSuffix = grant ? grant.addRandomSuffix === true : req.headers["x-add-random-suffix"] === "1";
  if (randomSuffix) {
    pathname = pathname.replace(/(\.[^./]*)?$/, (ext) => `-${randomBytes(8).toString("hex")}${ext}`);
  }
  if (grant?.maximumSizeInBytes !== undefined && data.length > grant.maximumSizeInBytes)
    throw new HttpError(400, "bad_request", `File size exceeds the maximum of ${grant.maximumSizeInBytes} bytes`);
  const overwrite = grant ? grant.allowOverwrite === true : req.headers["x-allow-overwrite"] === "1";
  if (store.get(pathname) && !overwrite) {
    throw new HttpError(400, "bad_request", "This blob already exists, use `allowOverwrite: true` to overwrite it.");
  }
  const blob: StoredBlob = {
    pathname,
    data,
    contentType,
    access: String(req.headers["x-vercel-blob-access"] ?? "public"),
    uploadedAt: new Date(),
    etag: `"${createHash("md5").update(data).digest("hex")}"`,
  };
  store.set(blob);
  sendJson(res, 200, store.describe(blob));
  return blob;
}

/** What the service POSTs to a client upload's callback URL once the blob is stored. */
function completionEvent(store: FakeBlobStore, blob: StoredBlob, tokenPayload: string | null | undefined): string {
  const { url, downloadUrl, pathname, contentType, contentDisposition } = store.describe(blob);
  return JSON.stringify({
    type: "blob.upload-completed",
    payload: {
      blob: { url, downloadUrl, pathname, contentType, contentDisposition },
      tokenPayload: tokenPayload ?? null,
    },
  });
}

function handleHead(res: ServerResponse, store: FakeBlobStore, urlOrPathname: string): void {
  const blob = store.get(store.pathnameOf(urlOrPathname));
  if (!blob) throw new HttpError(404, "not_found", "The requested blob does not exist");
  sendJson(res, 200, store.describe(blob));
}

function handleList(res: ServerResponse, store: FakeBlobStore, query: URLSearchParams): void {
  const prefix = query.get("prefix") ?? "";
  const limit = Math.min(Number(query.get("limit") ?? MAX_LIST_LIMIT) || MAX_LIST_LIMIT, MAX_LIST_LIMIT);
  const cursor = query.get("cursor");
  const after = cursor ? Buffer.from(cursor, "base64url").toString("utf8") : undefined;
  const matching = store.sortedPathnames().filter((p) => p.startsWith(prefix) && (after === undefined || p > after));
  const page = matching.slice(0, limit);
  const hasMore = matching.length > limit;
  const last = page[page.length - 1];
  sendJson(res, 200, {
    blobs: page.flatMap((p) => {
      const blob = store.get(p);
      if (!blob) return [];
      const { url, downloadUrl, pathname, size, uploadedAt, etag } = store.describe(blob);
      return [{ url, downloadUrl, pathname, size, uploadedAt, etag }];
    }),
    cursor: hasMore && last ? Buffer.from(last).toString("base64url") : undefined,
    hasMore,
  });
}

async function handleDelete(req: IncomingMessage, res: ServerResponse, store: FakeBlobStore): Promise<void> {
  let urls: unknown;
  try {
    urls = (JSON.parse((await readBody(req)).toString("utf8")) as { urls?: unknown }).urls;
  } catch {
    throw new HttpError(400, "bad_request", "Invalid JSON body");
  }
  if (!Array.isArray(urls)) throw new HttpError(400, "bad_request", "`urls` must be an array");
  // Missing blobs are ignored, as by the real API.
  for (const url of urls) if (typeof url === "string") store.delete(store.pathnameOf(url));
  sendJson(res, 200, {});
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  store: FakeBlobStore,
  token: string,
  url: URL,
  onClientUpload: (blob: StoredBlob, grant: ClientTokenGrant) => void,
): Promise<void> {
  withCors(req, res);
  if (req.method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }
  const route = url.pathname.slice(API_PATH.length).replace(/\/$/, "");
  const query = url.searchParams;
  if (req.method === "PUT" && route === "") {
    // Buffer the whole request first: an aborted upload must leave nothing behind, like the real API,
    // and a refusal sent before the body is read would reach the client as a broken connection (retried).
    const data = await readBody(req);
    const auth = putAuth(req, token);
    const blob = await handlePut(req, res, store, query, auth, data);
    if (auth.kind === "client") onClientUpload(blob, auth.grant);
    return;
  }
  requireAuth(req, token);
  if (req.method === "POST" && route === "/delete") return handleDelete(req, res, store);
  if (req.method === "GET" && route === "" && query.has("url")) return handleHead(res, store, query.get("url") ?? "");
  if (req.method === "GET" && route === "") return handleList(res, store, query);
  throw new HttpError(400, "bad_request", `Unsupported by the fake server: ${req.method} ${url.pathname}`);
}

/** Parses a single `bytes=` range (including suffix ranges); null = no/ignored Range, "invalid" = 416. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | "invalid" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [, startText = "", endText = ""] = match;
  if (startText === "") {
    const suffix = Number(endText);
    if (suffix === 0 || size === 0) return "invalid";
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === "" ? size - 1 : Math.min(Number(endText), size - 1);
  if (start >= size || end < start) return "invalid";
  return { start, end };
}

function serveContent(
  req: IncomingMessage,
  res: ServerResponse,
  store: FakeBlobStore,
  token: string,
  url: URL,
  options: FakeVercelBlobServerOptions,
): void {
  const blob = store.get(decodeURIComponent(url.pathname.slice(CONTENT_PATH.length)));
  if (!blob) {
    res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    return;
  }
  if (blob.access === "private" && !isAuthorized(req, token)) {
    res.writeHead(403, { "content-type": "text/plain" }).end("Forbidden");
    return;
  }
  const size = blob.data.length;
  const common = {
    "content-type": blob.contentType,
    "accept-ranges": "bytes",
    "last-modified": blob.uploadedAt.toUTCString(),
    etag: blob.etag,
  };
  const range = options.ignoreRange ? null : parseRange(req.headers.range, size);
  if (range === "invalid") {
    res.writeHead(416, { ...common, "content-range": `bytes */${size}` }).end();
    return;
  }
  if (range === null) {
    res.writeHead(200, { ...common, "content-length": size });
    res.end(req.method === "HEAD" ? undefined : blob.data);
    return;
  }
  const part = blob.data.subarray(range.start, range.end + 1);
  res.writeHead(206, {
    ...common,
    "content-length": part.length,
    "content-range": `bytes ${range.start}-${range.end}/${size}`,
  });
  res.end(req.method === "HEAD" ? undefined : part);
}

export async function startFakeVercelBlobServer(
  options: FakeVercelBlobServerOptions = {},
): Promise<FakeVercelBlobServer> {
  const token = options.token ?? `vercel_blob_rw_fakestore_${randomBytes(12).toString("hex")}`;
  const store = new FakeBlobStore();

  const callbacks: { url: string; status: number }[] = [];
  const inFlight = new Set<Promise<void>>();
  /** Like the service: the PUT is answered first, the callback follows (and a failed one is not retried here). */
  const onClientUpload = (blob: StoredBlob, grant: ClientTokenGrant): void => {
    const callbackUrl = grant.onUploadCompleted?.callbackUrl;
    if (!callbackUrl || options.skipCallbacks) return;
    const body = completionEvent(store, blob, grant.onUploadCompleted?.tokenPayload);
    const signature = createHmac("sha256", token).update(body).digest("hex");
    const entry = { url: callbackUrl, status: 0 };
    callbacks.push(entry);
    const sent = fetch(callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-vercel-signature": signature },
      body,
    })
      .then(async (response) => {
        entry.status = response.status;
        await response.body?.cancel();
      })
      .catch(() => {})
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handle = async (): Promise<void> => {
      if (url.pathname === API_PATH || url.pathname.startsWith(`${API_PATH}/`))
        return handleApi(req, res, store, token, url, onClientUpload);
      if (url.pathname.startsWith(CONTENT_PATH) && (req.method === "GET" || req.method === "HEAD")) {
        return serveContent(req, res, store, token, url, options);
      }
      throw new HttpError(404, "not_found", "Unknown route");
    };
    handle().catch((err: unknown) => {
      // A client that went away gets no answer (req.destroyed alone is also true once a body was read whole).
      if (res.headersSent || res.socket?.destroyed !== false) return res.destroy();
      // Not "unknown_error" for bugs here: the client retries that code with backoff, hiding the failure.
      sendError(res, err instanceof HttpError ? err : new HttpError(500, "fake_server_error", String(err)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  store.origin = origin;

  return {
    url: `${origin}${API_PATH}`,
    token,
    pathnames: () => store.sortedPathnames(),
    callbacks: () => callbacks.map((c) => ({ ...c })),
    callbacksSettled: async () => {
      await Promise.all([...inFlight]);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A small in-memory stand-in for the Vercel Blob HTTP API, good enough for the real `@vercel/blob`
 * client when `VERCEL_BLOB_API_URL` points at `url`. Only what lib/storage uses is implemented:
 *   PUT  {url}/?pathname=…        upload (x-content-type, x-allow-overwrite, x-add-random-suffix, x-vercel-blob-access)
 *   GET  {url}?url=…              head
 *   GET  {url}?prefix&limit&cursor list
 *   POST {url}/delete             delete ({ urls: [...] }, urls or pathnames)
 *   GET  /blobs/<pathname>        content, with Range (206 / 416); private blobs need the bearer token
 * Errors use the API's `{ error: { code, message } }` shape so the client maps them to its Blob*Error classes.
 */
import { createHash, randomBytes } from "node:crypto";
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
  close(): Promise<void>;
}

export interface FakeVercelBlobServerOptions {
  /** Answer content requests with 200 and the whole body even when a Range is sent (tests client fallbacks). */
  ignoreRange?: boolean;
}

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

function requireAuth(req: IncomingMessage, token: string): void {
  if (!isAuthorized(req, token)) {
    throw new HttpError(403, "forbidden", "Access denied, please provide a valid token for this resource.");
  }
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
): Promise<void> {
  let pathname = query.get("pathname") ?? "";
  if (!pathname || pathname.includes("//")) throw new HttpError(400, "bad_request", "Invalid pathname");
  if (req.headers["x-add-random-suffix"] === "1") {
    pathname = pathname.replace(/(\.[^./]*)?$/, (ext) => `-${randomBytes(8).toString("hex")}${ext}`);
  }
  // Buffer the whole request first: an aborted upload must leave nothing behind, like the real API.
  const data = await readBody(req);
  const overwrite = req.headers["x-allow-overwrite"] === "1";
  if (store.get(pathname) && !overwrite) {
    throw new HttpError(400, "bad_request", "This blob already exists, use `allowOverwrite: true` to overwrite it.");
  }
  const blob: StoredBlob = {
    pathname,
    data,
    contentType: String(req.headers["x-content-type"] ?? "application/octet-stream"),
    access: String(req.headers["x-vercel-blob-access"] ?? "public"),
    uploadedAt: new Date(),
    etag: `"${createHash("md5").update(data).digest("hex")}"`,
  };
  store.set(blob);
  sendJson(res, 200, store.describe(blob));
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
): Promise<void> {
  requireAuth(req, token);
  const route = url.pathname.slice(API_PATH.length).replace(/\/$/, "");
  const query = url.searchParams;
  if (req.method === "PUT" && route === "") return handlePut(req, res, store, query);
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
  const token = `vercel_blob_rw_fakestore_${randomBytes(12).toString("hex")}`;
  const store = new FakeBlobStore();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handle = async (): Promise<void> => {
      if (url.pathname === API_PATH || url.pathname.startsWith(`${API_PATH}/`))
        return handleApi(req, res, store, token, url);
      if (url.pathname.startsWith(CONTENT_PATH) && (req.method === "GET" || req.method === "HEAD")) {
        return serveContent(req, res, store, token, url, options);
      }
      throw new HttpError(404, "not_found", "Unknown route");
    };
    handle().catch((err: unknown) => {
      if (res.headersSent || req.destroyed) return res.destroy();
      // Not "unknown_error" for bugs here: the client retries that code with backoff, hiding the failure.
      sendError(res, err instanceof HttpError ? err : new HttpError(500, "fake_server_error", String(err)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  store.origin = origin;

  return {
    url: `${origin}${API_PATH}`,
    token,
    pathnames: () => store.sortedPathnames(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

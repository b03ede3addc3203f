import type { Readable } from "node:stream";

export type StorageDriverName = "local" | "vercel";

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. `end` omitted = to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface PutOptions {
  contentType: string;
}

export interface PutResult {
  key: string;
  size: number;
}

export interface GetResult {
  body: Readable;
  /** Total object size, not the length of the returned range. */
  size: number;
  contentType: string;
  /** The range actually served (end clamped to size - 1); absent for full reads. */
  range?: { start: number; end: number };
}

export interface HeadResult {
  size: number;
  contentType: string;
  uploadedAt: Date;
}

export interface ListItem {
  key: string;
  size: number;
  uploadedAt: Date;
}

export interface ListOptions {
  cursor?: string;
  limit?: number;
}

export interface ListResult {
  items: ListItem[];
  /** Present only when more items remain; pass it back to get the next page. */
  cursor?: string;
}

/** A store browsers can upload to directly with a client token the server signs (Vercel Blob). */
export interface ClientUploadCapability {
  /** The read-write token client tokens and completion callbacks are signed with; never leaves the server. */
  readonly token: string;
  readonly access: "private" | "public";
  /** The Blob API's address when it is not Vercel's own (VERCEL_BLOB_API_URL): the browser must PUT there too. */
  readonly apiUrl?: string;
}

export interface BlobStorage {
  readonly driver: StorageDriverName;
  /** Present when browsers may put files straight into the store (lib/batches/direct-upload). */
  readonly clientUploads?: ClientUploadCapability;
  /** Streams `body` to `key`, replacing any existing object. Buffers are for small payloads only. */
  put(key: string, body: Readable | Buffer, opts: PutOptions): Promise<PutResult>;
  /** Returns null when the key does not exist; throws RANGE_NOT_SATISFIABLE for a bad range. */
  get(key: string, range?: ByteRange): Promise<GetResult | null>;
  head(key: string): Promise<HeadResult | null>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix`, sorted, paginated with an opaque cursor. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Health check: resolves when the backend is usable, throws STORAGE_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  /**
   * Where the object lives on this machine's filesystem, when the driver keeps it there (null
   * for remote stores): native readers such as libvips then read it without a copy through JS.
   */
  localPath(key: string): string | null;
  /**
   * Removes writes that were never completed and started before `cutoff` (a process killed
   * mid-upload leaves them); returns how many. Stores that keep no partial writes return 0.
   */
  pruneIncompleteWrites(cutoff: Date): Promise<number>;
}

export type StorageErrorCode = "INVALID_KEY" | "NOT_FOUND" | "RANGE_NOT_SATISFIABLE" | "STORAGE_UNAVAILABLE";

/** The only error type callers need to inspect; `code` is stable, `message` is for logs. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageError";
    this.code = code;
  }
}

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

export const DEFAULT_LIST_LIMIT = 1000;
export const MAX_LIST_LIMIT = 1000;

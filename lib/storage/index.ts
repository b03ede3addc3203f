import path from "node:path";
import { createLocalStorage } from "./local-driver";
import type { BlobStorage } from "./types";
import { createVercelBlobStorage } from "./vercel-driver";

export * from "./types";
export * from "./keys";
export { createLocalStorage } from "./local-driver";
export type { LocalStorageOptions } from "./local-driver";
export { createVercelBlobStorage } from "./vercel-driver";
export type { VercelBlobStorageOptions } from "./vercel-driver";

export interface CreateStorageOptions {
  /** A Vercel Blob read-write token; when set, blobs live in Vercel Blob. */
  blobToken?: string;
  /** App data directory; without a token, blobs live in `${dataDir}/blobs`. */
  dataDir: string;
  /** Access mode of the Vercel store (defaults to "private"). */
  blobAccess?: "private" | "public";
  /** VERCEL_BLOB_API_URL (the client reads it itself; browsers learn it from us). */
  blobApiUrl?: string;
}

/** Picks the driver from configuration the caller already parsed; drivers never read process.env. */
export function createStorage(opts: CreateStorageOptions): BlobStorage {
  const token = opts.blobToken?.trim();
  if (token) return createVercelBlobStorage({ token, access: opts.blobAccess, apiUrl: opts.blobApiUrl });
  return createLocalStorage({ root: path.join(opts.dataDir, "blobs") });
}

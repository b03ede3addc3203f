import { getEnv } from "@/lib/config/env";
import { createStorage } from "./index";
import type { BlobStorage } from "./types";

/** The process's blob store: Vercel Blob when BLOB_READ_WRITE_TOKEN is set, else `.data/blobs`. */
const globalForStorage = globalThis as unknown as { vitrineStorage?: BlobStorage };

export function getStorage(): BlobStorage {
  if (!globalForStorage.vitrineStorage) {
    const env = getEnv();
    globalForStorage.vitrineStorage = createStorage({
      blobToken: env.BLOB_READ_WRITE_TOKEN,
      dataDir: env.dataDir,
      blobApiUrl: env.VERCEL_BLOB_API_URL,
    });
  }
  return globalForStorage.vitrineStorage;
}

/** Tests swap the store. */
export function setStorage(storage: BlobStorage | undefined): void {
  globalForStorage.vitrineStorage = storage;
}

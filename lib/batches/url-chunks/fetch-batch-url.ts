import { finished, type Readable } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { getEnv } from "@/lib/config/env";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { getLogger } from "@/lib/log/logger";
import { urlFetchOptionsFromEnv } from "@/lib/url-fetch/config";
import { fetchUrl, UrlFetchError } from "@/lib/url-fetch/fetch-url";
import { recordStoredUpload, storeUploadBlob, type UploadTarget } from "../ingest-upload";
import type { ClaimedUrl } from "./claim-urls";
import { categorizeFetchError, categorizeStoreRefusal, type UrlFailure } from "./error-categories";
import { urlFileName } from "./url-file-name";

const log = getLogger("BATCH");

/** The upload id a fetched URL is recorded with: a URL whose upload exists is never fetched again. */
export function urlUploadId(urlId: string): string {
  return `url:${urlId}`;
}

export type UrlOutcome = "stored" | "duplicate" | "failed" | "stopped";

async function markDone(
  urlId: string,
  upload: { imageId: string; isDuplicate: boolean; bytes: bigint },
  ms: number | null,
) {
  // A recorded upload is the truth whatever happened to the row meanwhile (a cancel, a recovery).
  await getPrisma().$executeRaw`
    UPDATE "BatchUrl" SET "status" = ${upload.isDuplicate ? "DUPLICATE" : "STORED"}::"BatchUrlStatus",
      "imageId" = ${upload.imageId}::uuid, "bytes" = ${upload.bytes}, "durationMs" = COALESCE(${ms}::int, "durationMs"),
      "errorCategory" = NULL, "errorCode" = NULL, "httpStatus" = NULL, "fetchedAt" = COALESCE("fetchedAt", now()), "updatedAt" = now()
    WHERE "id" = ${urlId}::uuid`;
}

async function markFailed(urlId: string, failure: UrlFailure, ms: number) {
  await getPrisma().$executeRaw`
    UPDATE "BatchUrl" SET "status" = 'FAILED', "errorCategory" = ${failure.category}::"UrlErrorCategory",
      "errorCode" = ${failure.code}, "httpStatus" = ${failure.httpStatus}::int, "durationMs" = ${ms}::int,
      "fetchedAt" = now(), "updatedAt" = now()
    WHERE "id" = ${urlId}::uuid AND "status" = 'FETCHING'`;
}

function failureOf(error: unknown, bodyError: unknown): UrlFailure | null {
  if (isDatabaseUnavailable(error)) return null;
  const cause = bodyError instanceof UrlFetchError ? bodyError : error;
  if (cause instanceof UrlFetchError) return categorizeFetchError(cause.code, cause.details);
  if (error instanceof ApiError) {
    const detailCode = Array.isArray(error.details) ? undefined : (error.details as { code?: string })?.code;
    return categorizeStoreRefusal(error.code, detailCode);
  }
  // Anything else is a fault of ours with this file (the job would only fail the same way again).
  return { category: "PROCESSING", code: "INTERNAL", httpStatus: null };
}

/**
 * One claimed URL: if a crash came after its file was recorded, only marks it (never fetches it
 * twice); else fetches it under the SSRF rules, streams the body through the upload pipeline's first
 * half (type sniffed from the bytes, size limit, sha256, blob write) and records it like an upload
 * (dedupe by sha256 → DUPLICATE, the image queued for thumbnail, hashes and matching). A refusal is
 * stored with its category. `signal` aborts it (pause, cancel): the row is left FETCHING for the caller.
 */
export async function fetchBatchUrl(url: ClaimedUrl, batch: UploadTarget, signal: AbortSignal): Promise<UrlOutcome> {
  const uploadId = urlUploadId(url.id);
  const prisma = getPrisma();
  // Only a URL claimed before (attempts counts this claim) can have been recorded by a worker that died.
  const recorded =
    url.attempts > 1
      ? await prisma.batchUpload.findUnique({
          where: { batchId_clientUploadId: { batchId: batch.id, clientUploadId: uploadId } },
          select: { imageId: true, isDuplicate: true, bytes: true },
        })
      : null;
  if (recorded) {
    await markDone(url.id, recorded, null);
    return recorded.isDuplicate ? "duplicate" : "stored";
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let bodyError: unknown = null;
  let body: Readable | null = null;
  try {
    const fetched = await fetchUrl(url.url, urlFetchOptionsFromEnv(signal));
    body = fetched.body;
    finished(fetched.body, (error) => {
      if (error) bodyError = error;
    });
    const { fileName, relativePath } = urlFileName(url);
    const stored = await storeUploadBlob({
      batch,
      uploadId,
      fileName,
      relativePath,
      body: fetched.body,
      maxBytes: getEnv().UPLOAD_MAX_BYTES,
    });
    const result = await recordStoredUpload(batch, stored);
    const isDuplicate =
      result.status === "duplicate" ||
      (result.status === "already_uploaded" &&
        ((
          await prisma.batchUpload.findUnique({
            where: { batchId_clientUploadId: { batchId: batch.id, clientUploadId: uploadId } },
            select: { isDuplicate: true },
          })
        )?.isDuplicate ??
          false));
    await markDone(url.id, { imageId: result.imageId!, isDuplicate, bytes: BigInt(stored.size) }, elapsed());
    return isDuplicate ? "duplicate" : "stored";
  } catch (error) {
    if (signal.aborted) return "stopped";
    const failure = failureOf(error, bodyError);
    // The database is away: the job fails and is retried; the URL's lease brings it back.
    if (!failure) throw error;
    await markFailed(url.id, failure, elapsed());
    log.debug({ action: "URL_FAILED", urlId: url.id, category: failure.category, code: failure.code }, "URL falhou");
    return "failed";
  } finally {
    // A refused body (not an image, over the limit) is not read to its end: close the connection.
    body?.destroy();
  }
}

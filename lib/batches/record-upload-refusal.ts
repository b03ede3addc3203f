import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";
import type { UploadResult } from "./ingest-upload";

/**
 * Reasons that are the file's own final answer: sending the same bytes again cannot succeed. Not
 * refusals: a batch that no longer accepts files, a broken connection, storage down, a file over
 * the per-request count (each may succeed on another try).
 */
const REFUSAL_CODES: ReadonlySet<string> = new Set([
  "UNSUPPORTED_MEDIA_TYPE",
  "EMPTY_FILE",
  "PAYLOAD_TOO_LARGE",
  // A direct upload whose bytes are not what it declared (size, sha256): lib/batches/direct-upload.
  "UPLOAD_CONTENT_MISMATCH",
]);

/** The code a file refusal is known by (the detail code wins over the HTTP-level one), or null when `error` is no refusal. */
export function refusalCode(error: ApiError): string | null {
  const code = (error.details as { code?: string } | undefined)?.code ?? error.code;
  return REFUSAL_CODES.has(code) ? code : null;
}

/**
 * Keeps a refused file on its batch with the reason. One row per client upload id (a retry that
 * is refused again updates the reason); none when that upload id was already accepted, so a late
 * retry of a stored file never shows it as refused.
 */
export async function recordUploadRefusal(
  batchId: string,
  file: Pick<UploadResult, "uploadId" | "name" | "relativePath">,
  error: ApiError,
): Promise<void> {
  const code = refusalCode(error);
  if (!code) return;
  await getPrisma().$executeRaw`
    INSERT INTO "BatchUploadRefusal" ("id", "batchId", "clientUploadId", "originalName", "relativePath", "code", "message")
    SELECT ${uuidv7()}::uuid, ${batchId}::uuid, ${file.uploadId}, ${file.name}, ${file.relativePath}, ${code}, ${error.message}
    WHERE NOT EXISTS (SELECT 1 FROM "BatchUpload" u WHERE u."batchId" = ${batchId}::uuid AND u."clientUploadId" = ${file.uploadId})
    ON CONFLICT ("batchId", "clientUploadId") DO UPDATE SET "code" = EXCLUDED."code", "message" = EXCLUDED."message", "originalName" = EXCLUDED."originalName", "relativePath" = EXCLUDED."relativePath"`;
}

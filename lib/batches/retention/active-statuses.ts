import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { BatchStatus } from "@/lib/db/client";
import { IN_PROGRESS } from "../batch-lifecycle";

/** A batch whose files or URLs are moving: soft delete refuses it, DELETE needs `force=true`. */
export const ACTIVE_STATUSES: readonly BatchStatus[] = IN_PROGRESS;

export function batchActiveError(status: BatchStatus): ApiError {
  return new ApiError("CONFLICT", `O lote está em andamento (${status}); pause ou cancele-o antes.`, {
    code: "BATCH_ACTIVE",
    status,
  });
}

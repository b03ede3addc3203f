import type { DryRunResult } from "@/lib/batches/dry-run/schemas";
import type { DryRunRequestFn } from "@/lib/browser/uploads/dry-run-plan";
import { apiPost } from "./api-client";

/** The dry-run request of one batch, for `runDryRunInChunks`. */
export function dryRunRequestFor(batchId: string): DryRunRequestFn {
  return (names, coveredSkus) =>
    apiPost<DryRunResult>(`/api/v1/batches/${encodeURIComponent(batchId)}/dry-run`, { names, coveredSkus });
}

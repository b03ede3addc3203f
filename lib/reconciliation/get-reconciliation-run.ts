import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { reconciliationRunSchema } from "./schemas";

export type ReconciliationRunView = z.infer<typeof reconciliationRunSchema>;

/** Progress + summary of one run, in the shape GET /api/v1/reconcile/{runId} returns. */
export async function getReconciliationRunOrThrow(runId: string): Promise<ReconciliationRunView> {
  const run = await getPrisma().reconciliationRun.findUnique({ where: { id: runId } });
  if (!run) throw new ApiError("NOT_FOUND", "Conciliação não encontrada.");
  const percent =
    run.status === "COMPLETED"
      ? 100
      : run.total === 0
        ? 0
        : Math.min(99, Math.floor((run.processed / run.total) * 100));
  return {
    id: run.id,
    status: run.status,
    batchId: run.batchId,
    collectionId: run.collectionId,
    total: run.total,
    processed: run.processed,
    percent,
    summary: {
      matched: run.matched,
      ambiguous: run.ambiguous,
      unmatched: run.unmatched,
      skipped: run.skipped,
      changed: run.changed,
    },
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    isDone: run.status === "COMPLETED" || run.status === "FAILED",
  };
}

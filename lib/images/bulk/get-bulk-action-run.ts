import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { BulkActionName, bulkActionRunSchema } from "./schemas";

/** GET /api/v1/images/bulk/{runId}: status and counts of a bulk job (poll until isDone). */
export async function getBulkActionRunOrThrow(runId: string): Promise<z.infer<typeof bulkActionRunSchema>> {
  const run = await getPrisma().bulkImageAction.findUnique({ where: { id: runId } });
  if (!run) throw new ApiError("NOT_FOUND", "Ação em massa não encontrada.");
  return {
    id: run.id,
    action: run.action as BulkActionName,
    status: run.status,
    changed: run.changed,
    skipped: run.skipped,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    isDone: run.status === "COMPLETED" || run.status === "FAILED",
  };
}

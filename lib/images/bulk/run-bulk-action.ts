import { getPrisma } from "@/lib/db/client";
import type { JobContext, JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { imageFilterSchema } from "../schemas";
import { applyChunks, BULK_CHUNK_SIZE, filterSelectionSql } from "./apply-chunk";
import { bulkOperation, type BulkActionParams } from "./bulk-operation";

const log = getLogger("CATALOG");

/**
 * The bulk job: walks the run's filter by keyset on id, one chunk per statement, each committing
 * the changes, their audit rows and the run's counters and cursor together (applyChunk). A retried
 * job resumes after the last committed chunk; re-applying one changes nothing.
 */
export async function runBulkAction(
  runId: string,
  context?: Pick<JobContext, "isLastAttempt">,
  options: { chunkSize?: number } = {},
): Promise<JobOutcome> {
  const chunkSize = options.chunkSize ?? BULK_CHUNK_SIZE;
  const prisma = getPrisma();
  const run = await prisma.bulkImageAction.findUnique({ where: { id: runId } });
  if (!run || run.status === "COMPLETED" || run.status === "FAILED") return "skipped";
  await prisma.bulkImageAction.update({
    where: { id: runId },
    data: { status: "RUNNING", startedAt: run.startedAt ?? new Date(), error: null },
  });
  try {
    const params = { action: run.action, ...(run.params as object) } as BulkActionParams;
    const operation = bulkOperation(params, run.userId);
    const selection = filterSelectionSql(imageFilterSchema.parse(run.filter));
    await applyChunks(prisma, { operation, actorId: run.userId, selection, afterId: run.cursor, chunkSize, runId });
    await prisma.bulkImageAction.update({
      where: { id: runId },
      data: { status: "COMPLETED", finishedAt: new Date() },
    });
    return "success";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ action: "BULK_IMAGE_ACTION_FAILED", runId, err: message }, "Falha na ação em massa");
    // Only the last attempt marks the run failed; earlier ones leave it RUNNING for the retry to resume.
    if (context?.isLastAttempt !== false) {
      await prisma.bulkImageAction.update({
        where: { id: runId },
        data: { status: "FAILED", error: message.slice(0, 500), finishedAt: new Date() },
      });
    }
    throw error;
  }
}

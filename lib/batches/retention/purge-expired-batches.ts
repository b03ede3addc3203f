import { recordAudit } from "@/lib/audit/record-audit";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { purgeBatch, type PurgeResult } from "./purge-batch";

const log = getLogger("BATCH");

/** Batches purged per run; the rest wait for the next run (one indexed query finds them). */
const PURGE_BATCHES_PER_RUN = 50;

/**
 * The purge of soft-deleted batches past `purgeAfter` (a maintenance task of every worker process,
 * lib/server/worker-jobs.ts, hourly: a batch goes at most an hour after its date). Each batch is
 * removed as DELETE removes it (purgeBatch); idempotent, and processes running it at once share the
 * work (a batch another one holds is skipped). Audited per batch with no user (the system).
 */
export async function purgeExpiredBatches(options: { now?: Date } = {}): Promise<PurgeResult[]> {
  const due = await getPrisma().batch.findMany({
    where: { deletedAt: { not: null }, purgeAfter: { lte: options.now ?? new Date() } },
    orderBy: { purgeAfter: "asc" },
    take: PURGE_BATCHES_PER_RUN,
    select: { id: true, name: true },
  });
  const results: PurgeResult[] = [];
  for (const batch of due) {
    const result = await purgeBatch(batch.id);
    if (!result) continue;
    results.push(result);
    const { batchId, ...counts } = result;
    await recordAudit({
      userId: null,
      action: "BATCH_PURGE",
      entityType: "Batch",
      entityId: batchId,
      data: { name: batch.name, ...counts },
    });
  }
  if (results.length > 0) log.info({ action: "BATCHES_PURGED", count: results.length }, "Lotes excluídos removidos");
  return results;
}

import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getBatchOrThrow } from "../batch-queries";
import { ACTIVE_STATUSES, batchActiveError } from "./active-statuses";

const log = getLogger("BATCH");

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * POST /api/v1/batches/{id}/soft-delete (seed 004): the batch is hidden from every list (its
 * photos stay in the catalog) until `purgeAfter`, when the daily purge removes it like a DELETE.
 * A running batch (uploading, queued, processing) is refused with BATCH_ACTIVE rather than
 * cancelled on the way: a soft delete is meant to be undone, and a cancel is not — pause or cancel
 * it first, then delete. One conditional UPDATE decides, so a start racing with it cannot slip in.
 */
export async function softDeleteBatch(actor: SessionUser, batchId: string, retentionDays: number) {
  const prisma = getPrisma();
  const now = new Date();
  const purgeAfter = new Date(now.getTime() + retentionDays * DAY_MS);
  const updated = await prisma.batch.updateMany({
    where: { id: batchId, deletedAt: null, status: { notIn: [...ACTIVE_STATUSES] } },
    data: { deletedAt: now, purgeAfter },
  });
  if (updated.count === 0) {
    const batch = await prisma.batch.findUnique({ where: { id: batchId }, select: { status: true, deletedAt: true } });
    if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
    if (batch.deletedAt) throw new ApiError("CONFLICT", "O lote já foi excluído.", { code: "BATCH_DELETED" });
    throw batchActiveError(batch.status);
  }
  await recordAudit({
    userId: actor.id,
    action: "BATCH_SOFT_DELETE",
    entityType: "Batch",
    entityId: batchId,
    data: { retentionDays, purgeAfter: purgeAfter.toISOString() },
  });
  log.info({ action: "BATCH_SOFT_DELETE", batchId, userId: actor.id, retentionDays }, "Lote excluído (restaurável)");
  return getBatchOrThrow(batchId);
}

/**
 * POST /api/v1/batches/{id}/restore: clears `deletedAt` and `purgeAfter` while the restore period
 * lasts. Past `purgeAfter` (or after a DELETE, which purges at once) the purge owns the batch:
 * BATCH_PURGE_DUE, even if its rows are still being removed.
 */
export async function restoreBatch(actor: SessionUser, batchId: string) {
  const prisma = getPrisma();
  const updated = await prisma.batch.updateMany({
    where: { id: batchId, deletedAt: { not: null }, purgeAfter: { gt: new Date() } },
    data: { deletedAt: null, purgeAfter: null },
  });
  if (updated.count === 0) {
    const batch = await prisma.batch.findUnique({ where: { id: batchId }, select: { deletedAt: true } });
    if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
    if (!batch.deletedAt) throw new ApiError("CONFLICT", "O lote não está excluído.", { code: "BATCH_NOT_DELETED" });
    throw new ApiError("CONFLICT", "O prazo de restauração acabou; o lote está sendo removido.", {
      code: "BATCH_PURGE_DUE",
    });
  }
  await recordAudit({ userId: actor.id, action: "BATCH_RESTORE", entityType: "Batch", entityId: batchId });
  log.info({ action: "BATCH_RESTORE", batchId, userId: actor.id }, "Lote restaurado");
  return getBatchOrThrow(batchId);
}

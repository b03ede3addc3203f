import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hasRole, type SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { cancelBatch } from "../batch-control";
import { ACTIVE_STATUSES, batchActiveError } from "./active-statuses";
import { purgeBatch, type PurgeResult } from "./purge-batch";

const log = getLogger("BATCH");

/**
 * DELETE /api/v1/batches/{id}?force= (seed 004): removes the batch for good, as the daily purge
 * would (purgeBatch). An empty batch (no file, no URL) may be deleted by an EDITOR, as before; one
 * with files or URLs needs an ADMIN — its photos leave the catalog and nothing can bring them back.
 * A running batch is refused with BATCH_ACTIVE unless `force`, which cancels it first. The batch is
 * marked deleted and due before anything is removed, so if the process dies half way it is hidden
 * and the purge job finishes it.
 */
export async function deleteBatch(actor: SessionUser, batchId: string, force: boolean): Promise<PurgeResult> {
  const prisma = getPrisma();
  const batch = await prisma.batch.findUnique({
    where: { id: batchId },
    select: { id: true, name: true, status: true, deletedAt: true, _count: { select: { uploads: true, urls: true } } },
  });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  const isEmpty = batch._count.uploads === 0 && batch._count.urls === 0;
  if (!isEmpty && !hasRole(actor.role, "ADMIN"))
    throw new ApiError("FORBIDDEN", "Só um administrador exclui definitivamente um lote com arquivos.");
  if (ACTIVE_STATUSES.includes(batch.status)) {
    if (!force) throw batchActiveError(batch.status);
    // A soft-deleted draft that received files meanwhile: controls ignore deleted batches, so it is
    // undeleted for the cancel and marked deleted again right below.
    if (batch.deletedAt) await prisma.batch.update({ where: { id: batchId }, data: { deletedAt: null } });
    await cancelBatch(actor, batchId).catch((error: unknown) => {
      // Finished or cancelled meanwhile: nothing left to stop.
      if (!(error instanceof ApiError && error.code === "CONFLICT")) throw error;
    });
  }
  // The database's clock, the one the purge compares `purgeAfter` with.
  await prisma.$executeRaw`
    UPDATE "Batch" SET "deletedAt" = coalesce("deletedAt", now()), "purgeAfter" = now(), "updatedAt" = now()
    WHERE "id" = ${batchId}::uuid`;
  const result = (await purgeBatch(batchId)) ?? {
    batchId,
    imagesDeleted: 0,
    imagesKept: 0,
    blobsDeleted: 0,
    blobsFailed: 0,
  };
  const { imagesDeleted, imagesKept, blobsDeleted, blobsFailed } = result;
  await recordAudit({
    userId: actor.id,
    action: "BATCH_DELETE",
    entityType: "Batch",
    entityId: batchId,
    data: { name: batch.name, force, status: batch.status, imagesDeleted, imagesKept, blobsDeleted, blobsFailed },
  });
  log.info({ action: "BATCH_DELETE", userId: actor.id, force, ...result }, "Lote excluído definitivamente");
  return result;
}

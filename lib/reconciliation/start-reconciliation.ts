import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { sendJob } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { reconcileJob } from "./reconcile-job";
import { reconcileWhere } from "./run-reconciliation";
import type { ReconcileInput, reconcileStartedSchema } from "./schemas";

export type Enqueue = (runId: string) => Promise<void>;

async function enqueueReconcileJob(runId: string): Promise<void> {
  await ensureQueue(reconcileJob);
  await sendJob(reconcileJob.name, { runId }, { singletonKey: runId });
}

/**
 * Records a reconciliation run (scope: everything, one batch or one collection) and queues its
 * job. Returns at once; the run row is what the UI polls. `enqueue` is injectable for tests.
 */
export async function startReconciliation(
  actor: SessionUser,
  input: ReconcileInput,
  enqueue: Enqueue = enqueueReconcileJob,
): Promise<z.infer<typeof reconcileStartedSchema>> {
  const prisma = getPrisma();
  if (input.batchId && !(await prisma.batch.findUnique({ where: { id: input.batchId }, select: { id: true } }))) {
    throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  }
  if (
    input.collectionId &&
    !(await prisma.collection.findUnique({ where: { id: input.collectionId }, select: { id: true } }))
  ) {
    throw new ApiError("NOT_FOUND", "Coleção não encontrada.");
  }
  const scope = { batchId: input.batchId ?? null, collectionId: input.collectionId ?? null };
  const total = await prisma.image.count({ where: reconcileWhere(scope) });
  const run = await prisma.reconciliationRun.create({ data: { ...scope, total, createdById: actor.id } });
  await recordAudit({
    userId: actor.id,
    action: "RECONCILE_STARTED",
    entityType: "ReconciliationRun",
    entityId: run.id,
    data: { ...scope, total },
  });
  await enqueue(run.id);
  return { runId: run.id, total };
}

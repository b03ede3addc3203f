import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { enqueueGeneration } from "./generation-job";
import { refreshCounts } from "./process-generation-job";

/**
 * A person's controls of a job. Each is one conditional UPDATE (the statuses it may move from), so a
 * worker's own moves (RUNNING → PAUSED/COMPLETED) and a person's never both apply. A stop lets the
 * request in flight finish (its image is stored) and takes no further image.
 */
async function conflictOrNotFound(jobId: string, action: string): Promise<never> {
  const job = await getPrisma().generationJob.findUnique({ where: { id: jobId }, select: { status: true } });
  if (!job) throw new ApiError("NOT_FOUND", "Geração não encontrada.");
  throw new ApiError("GENERATION_INVALID_STATE", `Não é possível ${action} uma geração com status ${job.status}.`, {
    status: job.status,
  });
}

async function audit(actor: SessionUser, action: string, jobId: string, data: Record<string, string> = {}) {
  await recordAudit({ userId: actor.id, action, entityType: "GenerationJob", entityId: jobId, data });
}

export async function stopGenerationJob(actor: SessionUser, jobId: string): Promise<void> {
  const moved = await getPrisma().generationJob.updateMany({
    where: { id: jobId, status: { in: ["QUEUED", "RUNNING", "PAUSED"] } },
    data: { status: "STOPPED" },
  });
  if (moved.count === 0) await conflictOrNotFound(jobId, "parar");
  await audit(actor, "GENERATION_STOP", jobId);
}

/** Resumes a stopped or paused job: the pool may be reset once again (seed 003). */
export async function resumeGenerationJob(actor: SessionUser, jobId: string): Promise<void> {
  const moved = await getPrisma().generationJob.updateMany({
    where: { id: jobId, status: { in: ["STOPPED", "PAUSED"] } },
    data: { status: "QUEUED", poolResets: 0, pauseCode: null, pauseReason: null, finishedAt: null },
  });
  if (moved.count === 0) await conflictOrNotFound(jobId, "retomar");
  await enqueueGeneration(jobId);
  await audit(actor, "GENERATION_RESUME", jobId);
}

/** "Gerar novamente": a finished image (done or failed) is generated again in a new round; the old image stays in the bank. */
export async function regenerateGenerationItem(actor: SessionUser, jobId: string, itemId: string): Promise<void> {
  const prisma = getPrisma();
  const moved = await prisma.generationItem.updateMany({
    where: { id: itemId, jobId, status: { in: ["SUCCEEDED", "FAILED"] } },
    data: {
      status: "PENDING",
      round: { increment: 1 },
      attempts: 0,
      error: null,
      errorCode: null,
      imageId: null,
      revisedPrompt: null,
      claimedAt: null,
      finishedAt: null,
    },
  });
  if (moved.count === 0) {
    const item = await prisma.generationItem.findFirst({ where: { id: itemId, jobId }, select: { status: true } });
    if (!item) throw new ApiError("NOT_FOUND", "Imagem da geração não encontrada.");
    throw new ApiError("GENERATION_INVALID_STATE", `Não é possível gerar novamente uma imagem ${item.status}.`, {
      status: item.status,
    });
  }
  await refreshCounts(jobId);
  await prisma.generationJob.updateMany({
    where: { id: jobId, status: "COMPLETED" },
    data: { status: "QUEUED", finishedAt: null },
  });
  const job = await prisma.generationJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } });
  if (job.status === "QUEUED" || job.status === "RUNNING") await enqueueGeneration(jobId);
  await audit(actor, "GENERATION_REGENERATE", jobId, { itemId });
}

import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { cancelVisionBatch } from "@/lib/ai/provider/batch-api";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { batchKeySecret } from "./batch-key";
import { enqueueRun } from "./enqueue-run";
import { cancelPendingIfCancelled } from "./run-items";

const log = getLogger("AI");

/**
 * The run's state machine, each move one conditional UPDATE (the WHERE holds the rule, so two
 * workers or a worker and a person never both move it):
 *   QUEUED → RUNNING (a worker starts) → COMPLETED (every item ended; failures are counted, partial
 *   success is COMPLETED with failed > 0) · RUNNING → PAUSED (no usable key) → QUEUED (resume) ·
 *   QUEUED/RUNNING/PAUSED → CANCELLED (pending items cancelled) · COMPLETED → QUEUED (retry-failed) ·
 *   → FAILED (the run itself cannot go on: e.g. no Batch API on this server).
 */
const ACTIVE = ["QUEUED", "RUNNING", "PAUSED"] as const;

export async function markRunning(runId: string): Promise<void> {
  await getPrisma().$executeRaw`
    UPDATE "AiRun" SET "status" = 'RUNNING', "startedAt" = COALESCE("startedAt", now()), "updatedAt" = now()
    WHERE "id" = ${runId}::uuid AND "status" = 'QUEUED'`;
}

/** Every key is unusable: the run waits with the pool's reason (pt-BR) until resumed. */
export async function pauseRun(runId: string, reason: string): Promise<void> {
  await getPrisma().$executeRaw`
    UPDATE "AiRun" SET "status" = 'PAUSED', "pauseReason" = ${reason.slice(0, 500)}, "updatedAt" = now()
    WHERE "id" = ${runId}::uuid AND "status" IN ('QUEUED', 'RUNNING')`;
}

/** COMPLETED once no item is pending or running; true when this call (or an earlier one) finished it. */
export async function finishIfDone(runId: string): Promise<boolean> {
  const rows = await getPrisma().$queryRaw<{ status: string }[]>`
    UPDATE "AiRun" r SET "status" = 'COMPLETED', "finishedAt" = now(), "pauseReason" = NULL, "updatedAt" = now()
    WHERE r."id" = ${runId}::uuid AND r."status" IN ('QUEUED', 'RUNNING')
      AND NOT EXISTS (SELECT 1 FROM "AiRunItem" it WHERE it."runId" = r."id" AND it."status" IN ('PENDING', 'RUNNING'))
    RETURNING r."status"::text AS status`;
  return rows.length > 0;
}

/** The run cannot go on at all: remaining items fail with the reason. */
export async function failRun(runId: string, code: string, message: string): Promise<void> {
  await getPrisma().$executeRaw`
      WITH failed AS (
        UPDATE "AiRunItem" SET "status" = 'FAILED', "errorCode" = ${code}, "error" = ${message}, "finishedAt" = now(),
          "claimedAt" = NULL, "updatedAt" = now()
        WHERE "runId" = ${runId}::uuid AND "status" IN ('PENDING', 'RUNNING') RETURNING "id"
      )
      UPDATE "AiRun" SET "failed" = "failed" + (SELECT count(*) FROM failed)::int, "status" = 'FAILED', "error" = ${message},
        "finishedAt" = now(), "updatedAt" = now()
      WHERE "id" = ${runId}::uuid`;
}

async function loadRunOrThrow(runId: string) {
  const run = await getPrisma().aiRun.findUnique({ where: { id: runId }, select: { id: true, status: true } });
  if (!run) throw new ApiError("NOT_FOUND", "Análise não encontrada.");
  return run;
}

/**
 * POST /api/v1/ai/runs/{id}/cancel: no new photo is sent; a call already in flight may still land.
 * Economy mode: the provider batches still open are cancelled at the provider too (what they have not
 * run is not billed), and their photos are no longer polled for.
 */
export async function cancelRun(actor: SessionUser, runId: string): Promise<void> {
  const prisma = getPrisma();
  await loadRunOrThrow(runId);
  const changed = await prisma.$executeRaw`
    UPDATE "AiRun" SET "status" = 'CANCELLED', "pauseReason" = NULL, "finishedAt" = now(), "updatedAt" = now()
    WHERE "id" = ${runId}::uuid AND "status"::text IN (${ACTIVE[0]}, ${ACTIVE[1]}, ${ACTIVE[2]})`;
  if (changed === 0) throw new ApiError("CONFLICT", "Esta análise já terminou.", { code: "AI_RUN_FINISHED" });
  await cancelPendingIfCancelled(prisma, runId);
  await cancelOpenProviderBatches(runId);
  await prisma.$executeRaw`
    WITH cancelled AS (
      UPDATE "AiRunItem" SET "status" = 'CANCELLED', "finishedAt" = now(), "claimedAt" = NULL, "updatedAt" = now()
      WHERE "runId" = ${runId}::uuid AND "status" = 'RUNNING' AND "providerBatchId" IS NOT NULL RETURNING "id"
    )
    UPDATE "AiRun" SET "cancelled" = "cancelled" + (SELECT count(*) FROM cancelled)::int
    WHERE "id" = ${runId}::uuid AND EXISTS (SELECT 1 FROM cancelled)`;
  await recordAudit({ userId: actor.id, action: "AI_RUN_CANCELLED", entityType: "AiRun", entityId: runId });
}

async function cancelOpenProviderBatches(runId: string): Promise<void> {
  const open = await getPrisma().$queryRaw<{ batchId: string; keyId: string | null }[]>`
    SELECT DISTINCT "providerBatchId" AS "batchId", "keyId"::text AS "keyId" FROM "AiRunItem"
    WHERE "runId" = ${runId}::uuid AND "status" = 'RUNNING' AND "providerBatchId" IS NOT NULL`;
  for (const { batchId, keyId } of open) {
    const secret = keyId ? await batchKeySecret(keyId) : null;
    if (!secret) continue;
    // Best effort: the run is cancelled for Vitrine whatever the provider answers (its results are ignored).
    await cancelVisionBatch(providerTargetFromEnv(secret), batchId).catch((error: unknown) =>
      log.warn({ action: "AI_BATCH_CANCEL_FAILED", runId, batchId, err: String(error) }, "Falha ao cancelar lote"),
    );
  }
}

/** POST /api/v1/ai/runs/{id}/resume: a paused run goes back to the queue (after keys were fixed). */
export async function resumeRun(actor: SessionUser | null, runId: string): Promise<void> {
  if (actor) await loadRunOrThrow(runId);
  const changed = await getPrisma().$executeRaw`
    UPDATE "AiRun" SET "status" = 'QUEUED', "pauseReason" = NULL, "updatedAt" = now()
    WHERE "id" = ${runId}::uuid AND "status" = 'PAUSED'`;
  if (changed === 0) {
    if (!actor) return;
    throw new ApiError("CONFLICT", "Esta análise não está pausada.", { code: "AI_RUN_NOT_PAUSED" });
  }
  if (actor) await recordAudit({ userId: actor.id, action: "AI_RUN_RESUMED", entityType: "AiRun", entityId: runId });
  await enqueueRun(runId);
}

/**
 * POST /api/v1/ai/runs/{id}/retry-failed: the failed photos go back to pending with their attempts
 * reset, and a finished run is queued again. Returns how many photos were put back.
 */
export async function retryFailedItems(actor: SessionUser, runId: string): Promise<{ retried: number }> {
  const run = await loadRunOrThrow(runId);
  if (run.status === "CANCELLED")
    throw new ApiError("CONFLICT", "Esta análise foi cancelada.", { code: "AI_RUN_FINISHED" });
  const prisma = getPrisma();
  const retried = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ n: number }[]>`
      WITH retried AS (
        UPDATE "AiRunItem" SET "status" = 'PENDING', "attempts" = 0, "notBefore" = NULL, "claimedAt" = NULL,
          "errorCode" = NULL, "error" = NULL, "finishedAt" = NULL, "providerBatchId" = NULL, "customId" = NULL, "updatedAt" = now()
        WHERE "runId" = ${runId}::uuid AND "status" = 'FAILED' RETURNING "id"
      )
      SELECT count(*)::int AS n FROM retried`;
    const n = rows[0]?.n ?? 0;
    if (n > 0)
      await tx.$executeRaw`
        UPDATE "AiRun" SET "failed" = GREATEST(0, "failed" - ${n}),
          "status" = CASE WHEN "status" IN ('COMPLETED', 'FAILED') THEN 'QUEUED'::"AiRunStatus" ELSE "status" END,
          "finishedAt" = NULL, "error" = NULL, "updatedAt" = now()
        WHERE "id" = ${runId}::uuid`;
    return n;
  });
  if (retried > 0) {
    await recordAudit({
      userId: actor.id,
      action: "AI_RUN_RETRY_FAILED",
      entityType: "AiRun",
      entityId: runId,
      data: { retried },
    });
    await enqueueRun(runId);
  }
  return { retried };
}

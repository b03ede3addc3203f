import type { ErrorCode } from "@/lib/errors/error-codes";
import { getPrisma, Prisma } from "@/lib/db/client";
import { claimLeaseSeconds } from "./ai-run-job";

type Db = Prisma.TransactionClient | ReturnType<typeof getPrisma>;

/**
 * A photo of a run held by this worker. `claimToken` is the claim's instant as PostgreSQL wrote it
 * (text keeps the microseconds): every write that ends the claim matches it, so a worker whose
 * claim was taken over (it was thought dead) writes nothing — no photo succeeds twice.
 */
export type ClaimedItem = {
  id: string;
  runId: string;
  imageId: string;
  attempts: number;
  claimToken: string;
  /** Steps of the photo's turn done in earlier turns (lib/ai/runs/item-steps.ts). */
  stepsDone: string[];
};

/** The item's claim is no longer ours: the transaction that found out rolls back. */
export class ClaimLostError extends Error {
  constructor(readonly itemId: string) {
    super(`Claim of AI run item ${itemId} was taken over`);
    this.name = "ClaimLostError";
  }
}

/**
 * Claims up to `limit` photos of a run, in id order: pending ones whose backoff / key wait is over,
 * and ones claimed by a worker whose lease expired (a killed process). SKIP LOCKED: concurrent
 * workers of one run never wait on each other's rows nor take the same photo.
 */
export async function claimItems(runId: string, limit: number): Promise<ClaimedItem[]> {
  if (limit <= 0) return [];
  return getPrisma().$queryRaw<ClaimedItem[]>`
    WITH picked AS (
      SELECT it."id" FROM "AiRunItem" it
      WHERE it."runId" = ${runId}::uuid
        AND ((it."status" = 'PENDING' AND (it."notBefore" IS NULL OR it."notBefore" <= now()))
          OR (it."status" = 'RUNNING' AND it."providerBatchId" IS NULL
              AND it."claimedAt" < now() - make_interval(secs => ${claimLeaseSeconds()})))
      ORDER BY it."id" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    UPDATE "AiRunItem" it SET "status" = 'RUNNING', "claimedAt" = clock_timestamp(),
      "startedAt" = COALESCE(it."startedAt", now()), "updatedAt" = now()
    FROM picked WHERE it."id" = picked."id"
    RETURNING it."id"::text AS id, it."runId"::text AS "runId", it."imageId"::text AS "imageId", it."attempts",
      it."claimedAt"::text AS "claimToken", it."stepsDone"`;
}

/** Ends a claim with the item's new state, or throws ClaimLostError (inside the caller's transaction). */
async function endClaim(db: Db, item: ClaimedItem, set: Prisma.Sql): Promise<void> {
  const changed = await db.$executeRaw`
    UPDATE "AiRunItem" SET ${set}, "updatedAt" = now()
    WHERE "id" = ${item.id}::uuid AND "status" = 'RUNNING' AND "claimedAt" = ${item.claimToken}::timestamptz`;
  if (changed === 0) throw new ClaimLostError(item.id);
}

/** The run's own counters, in the same transaction as the item's outcome (never drift from the items). */
export function bumpRun(
  db: Db,
  runId: string,
  delta: {
    succeeded?: number;
    failed?: number;
    cancelled?: number;
    tokensIn?: number;
    tokensOut?: number;
    costUsd?: number;
  },
) {
  return db.$executeRaw`
    UPDATE "AiRun" SET "succeeded" = "succeeded" + ${delta.succeeded ?? 0}, "failed" = "failed" + ${delta.failed ?? 0},
      "cancelled" = "cancelled" + ${delta.cancelled ?? 0},
      "tokensIn" = "tokensIn" + ${delta.tokensIn ?? 0}, "tokensOut" = "tokensOut" + ${delta.tokensOut ?? 0},
      "costUsd" = "costUsd" + ${delta.costUsd ?? 0}, "updatedAt" = now()
    WHERE "id" = ${runId}::uuid`;
}

export type ItemUsage = {
  keyId: string | null;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  durationMs: number;
};

/**
 * One step of the photo's turn is done (called inside the transaction that wrote its results, so a
 * killed process never redoes a step whose results are stored): its warnings are added to the item's,
 * its tokens and cost to the item's and the run's. The last step also ends the claim: the photo
 * succeeded. Throws ClaimLostError when another worker took the photo over meanwhile.
 */
export async function completeStep(
  tx: Prisma.TransactionClient,
  item: ClaimedItem,
  done: { step: string; isLast: boolean; attemptsMade: number; warnings: string[]; usage: ItemUsage | null },
): Promise<void> {
  const { usage } = done;
  const common = Prisma.sql`"stepsDone" = array_append("stepsDone", ${done.step}),
      "warnings" = "warnings" || ${done.warnings}::text[], "attempts" = "attempts" + ${done.attemptsMade},
      "keyId" = COALESCE(${usage?.keyId ?? null}::uuid, "keyId"), "model" = COALESCE(${usage?.model ?? null}, "model"),
      "tokensIn" = "tokensIn" + ${usage?.tokensIn ?? 0}, "tokensOut" = "tokensOut" + ${usage?.tokensOut ?? 0},
      "costUsd" = "costUsd" + ${usage?.costUsd ?? 0}, "durationMs" = COALESCE("durationMs", 0) + ${usage?.durationMs ?? 0}`;
  if (done.isLast) {
    await endClaim(
      tx,
      item,
      Prisma.sql`${common}, "status" = 'SUCCEEDED', "finishedAt" = now(), "claimedAt" = NULL, "notBefore" = NULL,
        "errorCode" = NULL, "error" = NULL`,
    );
  } else {
    const changed = await tx.$executeRaw`
      UPDATE "AiRunItem" SET ${common}, "updatedAt" = now()
      WHERE "id" = ${item.id}::uuid AND "status" = 'RUNNING' AND "claimedAt" = ${item.claimToken}::timestamptz`;
    if (changed === 0) throw new ClaimLostError(item.id);
  }
  await bumpRun(tx, item.runId, {
    succeeded: done.isLast ? 1 : 0,
    tokensIn: usage?.tokensIn ?? 0,
    tokensOut: usage?.tokensOut ?? 0,
    costUsd: usage?.costUsd ?? 0,
  });
  item.stepsDone = [...item.stepsDone, done.step];
}

/**
 * The photo failed for good: the item says why (a stable code and a pt-BR message) and so does the
 * photo (Image.aiError / aiErrorCode, the catalog's "falha de IA"), with the run's counter.
 */
export async function markFailed(
  item: ClaimedItem,
  failure: { code: ErrorCode; message: string; attemptsMade: number; usage?: Partial<ItemUsage> },
): Promise<void> {
  const { code, message, attemptsMade, usage = {} } = failure;
  await getPrisma()
    .$transaction(async (tx) => {
      await endClaim(
        tx,
        item,
        Prisma.sql`"status" = 'FAILED', "finishedAt" = now(), "claimedAt" = NULL, "notBefore" = NULL,
          "attempts" = "attempts" + ${attemptsMade}, "errorCode" = ${code}, "error" = ${message},
          "keyId" = COALESCE(${usage.keyId ?? null}::uuid, "keyId"), "model" = COALESCE(${usage.model ?? null}, "model"),
          "tokensIn" = "tokensIn" + ${usage.tokensIn ?? 0}, "tokensOut" = "tokensOut" + ${usage.tokensOut ?? 0},
          "costUsd" = "costUsd" + ${usage.costUsd ?? 0}, "durationMs" = ${usage.durationMs ?? null}::int`,
      );
      await bumpRun(tx, item.runId, {
        failed: 1,
        tokensIn: usage.tokensIn ?? 0,
        tokensOut: usage.tokensOut ?? 0,
        costUsd: usage.costUsd ?? 0,
      });
      await tx.$executeRaw`
        UPDATE "Image" SET "aiError" = ${message}, "aiErrorCode" = ${code}, "updatedAt" = now() WHERE "id" = ${item.imageId}::uuid`;
    })
    .catch(ignoreLostClaim);
}

/**
 * The photo goes back to the queue: after a retryable error (its backoff), a key wait (the key's
 * cooldown) or a pause. A photo of a run cancelled meanwhile is cancelled instead.
 */
export async function requeueItem(
  item: ClaimedItem,
  options: { notBefore: Date | null; attemptsMade: number; error?: { code: ErrorCode; message: string } },
): Promise<void> {
  await getPrisma()
    .$transaction(async (tx) => {
      await endClaim(
        tx,
        item,
        Prisma.sql`"status" = 'PENDING', "claimedAt" = NULL, "notBefore" = ${options.notBefore}::timestamptz,
          "attempts" = "attempts" + ${options.attemptsMade},
          "errorCode" = COALESCE(${options.error?.code ?? null}, "errorCode"), "error" = COALESCE(${options.error?.message ?? null}, "error")`,
      );
      await cancelPendingIfCancelled(tx, item.runId);
    })
    .catch(ignoreLostClaim);
}

/** Pending photos of a cancelled run become CANCELLED (counted); nothing happens for other runs. */
export async function cancelPendingIfCancelled(db: Db, runId: string): Promise<void> {
  await db.$executeRaw`
    WITH cancelled AS (
      UPDATE "AiRunItem" it SET "status" = 'CANCELLED', "finishedAt" = now(), "updatedAt" = now()
      FROM "AiRun" r WHERE r."id" = ${runId}::uuid AND r."status" = 'CANCELLED'
        AND it."runId" = r."id" AND it."status" = 'PENDING'
      RETURNING it."id"
    )
    UPDATE "AiRun" SET "cancelled" = "cancelled" + (SELECT count(*) FROM cancelled)::int, "updatedAt" = now()
    WHERE "id" = ${runId}::uuid AND EXISTS (SELECT 1 FROM cancelled)`;
}

function ignoreLostClaim(error: unknown): void {
  if (error instanceof ClaimLostError) return;
  throw error;
}

/** Records one provider request (every attempt, ok or not): model, tokens, duration, cost. */
export async function recordAiCall(call: {
  keyId: string | null;
  runId: string;
  imageId: string;
  /** What the call was for: "vision", "vision_batch", and the other steps' own ("content"…). */
  purpose: string;
  model: string;
  ok: boolean;
  errorKind?: string | null;
  httpStatus?: number | null;
  tokensIn?: number;
  tokensOut?: number;
  durationMs: number;
  costUsd?: number;
}): Promise<void> {
  await getPrisma().aiCall.create({
    data: {
      keyId: call.keyId,
      runId: call.runId,
      imageId: call.imageId,
      purpose: call.purpose,
      model: call.model,
      ok: call.ok,
      errorKind: call.errorKind ?? null,
      httpStatus: call.httpStatus ?? null,
      tokensIn: call.tokensIn ?? 0,
      tokensOut: call.tokensOut ?? 0,
      durationMs: Math.max(0, Math.round(call.durationMs)),
      costUsd: call.costUsd ?? 0,
    },
  });
}

import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma, type BatchStatus } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { BATCH_STATUSES } from "./schemas";

const log = getLogger("BATCH");

/**
 * Batch lifecycle: a draft receives files (uploading), is started (queued), its photos are taken by
 * workers (processing) until none is left (completed, or completed with errors when one failed).
 * A running batch can be paused and resumed; anything not finished can be cancelled; failures are
 * reprocessed, and files sent to a finished batch are processed at once. Every status change goes
 * through this module as a conditional UPDATE (`WHERE status IN (the move's sources)`), so two
 * concurrent moves never both apply to a batch that only one of them may move.
 */
export { BATCH_STATUSES };

// The API schema owns the list (the browser reads it too); tests/unit/batches/batch-lifecycle.test.ts checks it is the database enum.
BATCH_STATUSES satisfies readonly BatchStatus[];

type Move = { readonly from: readonly BatchStatus[]; readonly to: BatchStatus };

/** Every way a batch changes status, by what moves it. */
export const BATCH_MOVES = {
  /** The first file of a draft is recorded. */
  receiveFirstUpload: { from: ["DRAFT"], to: "UPLOADING" },
  /** A file arrives in a finished batch: it is processed at once ("walk away"). */
  receiveUploadWhenFinished: { from: ["COMPLETED", "COMPLETED_WITH_ERRORS"], to: "PROCESSING" },
  start: { from: ["DRAFT", "UPLOADING", "COMPLETED", "COMPLETED_WITH_ERRORS"], to: "QUEUED" },
  /** A worker took one of its photos. */
  beginProcessing: { from: ["QUEUED"], to: "PROCESSING" },
  pause: { from: ["QUEUED", "PROCESSING"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "QUEUED" },
  /** Seed 004's force-start: a batch that is not finished is (re)started whatever it waits for, e.g. queued with no live job. */
  forceStart: { from: ["DRAFT", "UPLOADING", "QUEUED", "PROCESSING", "PAUSED"], to: "QUEUED" },
  cancel: { from: ["DRAFT", "UPLOADING", "QUEUED", "PROCESSING", "PAUSED"], to: "CANCELLED" },
  reprocessFailed: { from: ["COMPLETED", "COMPLETED_WITH_ERRORS", "QUEUED", "PROCESSING", "CANCELLED"], to: "QUEUED" },
  /** Nothing left to process and no photo failed. */
  complete: { from: ["QUEUED", "PROCESSING"], to: "COMPLETED" },
  /** Nothing left to process, and at least one photo failed. */
  completeWithErrors: { from: ["QUEUED", "PROCESSING"], to: "COMPLETED_WITH_ERRORS" },
} as const satisfies Record<string, Move>;

export type BatchMove = keyof typeof BATCH_MOVES;

/** The moves a person asks for (batch controls); the others follow from files arriving and photos being processed. */
export const CONTROL_MOVES = [
  "start",
  "pause",
  "resume",
  "cancel",
  "reprocessFailed",
  "forceStart",
] as const satisfies readonly BatchMove[];
export type ControlMove = (typeof CONTROL_MOVES)[number];

/** From each status, the other statuses some move leads to (a move into the same status is not a transition). */
export const ALLOWED_TRANSITIONS: Readonly<Record<BatchStatus, readonly BatchStatus[]>> = Object.fromEntries(
  BATCH_STATUSES.map((from) => [
    from,
    BATCH_STATUSES.filter(
      (to) =>
        to !== from && Object.values(BATCH_MOVES).some((move: Move) => move.to === to && move.from.includes(from)),
    ),
  ]),
) as Record<BatchStatus, BatchStatus[]>;

export function canTransition(from: BatchStatus, to: BatchStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Whether `move` applies to a batch in `from`. */
export function canMove(move: BatchMove, from: BatchStatus): boolean {
  return (BATCH_MOVES[move].from as readonly BatchStatus[]).includes(from);
}

/** Statuses that take new files: all but a cancelled batch. */
export const ACCEPTS_UPLOADS: readonly BatchStatus[] = BATCH_STATUSES.filter((status) => status !== "CANCELLED");
/** Started and not held: a file arriving now is queued for processing at once. */
export const PROCESSES_NEW_UPLOADS: readonly BatchStatus[] = [
  "QUEUED",
  "PROCESSING",
  "COMPLETED",
  "COMPLETED_WITH_ERRORS",
];
/** Not started yet ("Processar Todos" starts these when they have files). */
export const NOT_STARTED: readonly BatchStatus[] = ["DRAFT", "UPLOADING"];
/** Photos are being worked on: the batch finishes when none is left. */
export const RUNNING: readonly BatchStatus[] = BATCH_MOVES.complete.from;
/** Workers do not take the photos of these batches. */
export const HOLDS_PROCESSING: readonly BatchStatus[] = ["PAUSED", "CANCELLED"];
/** Something is moving (files or photos): shown as in progress, polled often. */
export const IN_PROGRESS: readonly BatchStatus[] = ["UPLOADING", "QUEUED", "PROCESSING"];

/** `column IN (statuses)` for raw SQL, each status a bound parameter. */
export function statusIn(column: Prisma.Sql, statuses: readonly BatchStatus[]): Prisma.Sql {
  return Prisma.sql`${column} IN (${Prisma.join(statuses.map((status) => Prisma.sql`${status}::"BatchStatus"`))})`;
}

type MoveData = { startedAt?: Date; finishedAt?: Date | null };

/** What a move writes besides the status: a start stamps `startedAt`, cancelling stamps `finishedAt`, restarting clears it. */
const MOVE_DATA: Record<ControlMove, () => MoveData> = {
  start: () => ({ startedAt: new Date(), finishedAt: null }),
  pause: () => ({}),
  resume: () => ({}),
  cancel: () => ({ finishedAt: new Date() }),
  reprocessFailed: () => ({ finishedAt: null }),
  // startedAt is stamped by forceStartBatch only when the batch had never started.
  forceStart: () => ({ finishedAt: null }),
};

/**
 * Applies a person's move to one batch, or throws NOT_FOUND / CONFLICT (the batch is in a status
 * the move does not apply to). The UPDATE's condition decides, so a concurrent move cannot slip in
 * between a check and the write.
 */
export async function moveBatchOrThrow(batchId: string, move: ControlMove): Promise<void> {
  const { from, to } = BATCH_MOVES[move];
  const updated = await getPrisma().batch.updateMany({
    where: { id: batchId, status: { in: [...from] } },
    data: { status: to, ...MOVE_DATA[move]() },
  });
  if (updated.count > 0) return;
  const batch = await getPrisma().batch.findUnique({ where: { id: batchId }, select: { status: true } });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  throw new ApiError("CONFLICT", `Ação não permitida para um lote com status ${batch.status}.`);
}

/**
 * For a statement recording an upload (a CTE): the batch starts uploading if it was a draft, or
 * processes the file if it had finished; other statuses stay. `condition` guards it (the upload was linked).
 */
export function receiveUploadUpdate(batchId: string, condition: Prisma.Sql): Prisma.Sql {
  const { receiveFirstUpload: first, receiveUploadWhenFinished: finished } = BATCH_MOVES;
  return Prisma.sql`
    UPDATE "Batch" SET
      "status" = (CASE WHEN ${statusIn(Prisma.sql`"status"`, first.from)} THEN ${first.to} ELSE ${finished.to} END)::"BatchStatus",
      "finishedAt" = (CASE WHEN ${statusIn(Prisma.sql`"status"`, first.from)} THEN "finishedAt" END), "updatedAt" = now()
    WHERE "id" = ${batchId}::uuid AND ${statusIn(Prisma.sql`"status"`, [...first.from, ...finished.from])} AND ${condition}`;
}

/** For the statement claiming a photo (a CTE): the batches in `batchIds` (a subquery) that were queued start processing. */
export function beginProcessingUpdate(batchIds: Prisma.Sql): Prisma.Sql {
  const { from, to } = BATCH_MOVES.beginProcessing;
  return Prisma.sql`
    UPDATE "Batch" b SET "status" = ${to}::"BatchStatus", "updatedAt" = now()
    WHERE b."id" IN (${batchIds}) AND ${statusIn(Prisma.sql`b."status"`, from)}`;
}

/**
 * True in SQL when a file arriving now in batch `batchId` goes straight to processing. Read by the
 * recording statement itself: the request may have read the batch before it was started or paused.
 */
export function processesNewUploadsCondition(batchId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Batch" b WHERE b."id" = ${batchId}::uuid AND ${statusIn(Prisma.sql`b."status"`, PROCESSES_NEW_UPLOADS)})`;
}

/** True in SQL when the batch `batchId` (a column) holds its photos back from the workers. */
export function holdsProcessingCondition(batchId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Batch" b WHERE b."id" = ${batchId} AND ${statusIn(Prisma.sql`b."status"`, HOLDS_PROCESSING)})`;
}

/**
 * A running batch none of whose files (its own and the duplicates it received) is left to process
 * and, for a URL batch, none of whose URLs is left to fetch, becomes COMPLETED, or
 * COMPLETED_WITH_ERRORS when a file or a URL failed. Called after every photo and every chunk; one
 * UPDATE decides, so concurrent callers finish it once.
 */
export async function finishBatchIfDone(batchId: string): Promise<void> {
  // While the batch's own files or URLs are still pending, index probes answer (the full check below
  // walks every file of the batch, O(n) per call near the end).
  const pending = await getPrisma().$queryRaw<{ found: boolean }[]>`
    SELECT (EXISTS (SELECT 1 FROM "Image" WHERE "batchId" = ${batchId}::uuid AND "processingStatus" IN ('QUEUED', 'PROCESSING', 'UPLOADED'))
      OR EXISTS (SELECT 1 FROM "BatchUrl" WHERE "batchId" = ${batchId}::uuid AND "status" IN ('PENDING', 'FETCHING'))) AS found`;
  if (pending[0]?.found) return;
  const { complete, completeWithErrors } = BATCH_MOVES;
  const rows = await getPrisma().$queryRaw<{ status: BatchStatus }[]>`
    UPDATE "Batch" b SET
      "status" = (CASE WHEN EXISTS (
          SELECT 1 FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
          WHERE u."batchId" = b."id" AND i."processingStatus" = 'FAILED')
        OR EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."batchId" = b."id" AND u."status" = 'FAILED')
        THEN ${completeWithErrors.to} ELSE ${complete.to} END)::"BatchStatus",
      "finishedAt" = now(), "updatedAt" = now()
    WHERE b."id" = ${batchId}::uuid AND ${statusIn(Prisma.sql`b."status"`, complete.from)}
      AND NOT EXISTS (
        SELECT 1 FROM "BatchUpload" u JOIN "Image" i ON i."id" = u."imageId"
        WHERE u."batchId" = b."id" AND i."processingStatus" IN ('QUEUED', 'PROCESSING', 'UPLOADED'))
      AND NOT EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."batchId" = b."id" AND u."status" IN ('PENDING', 'FETCHING'))
    RETURNING b."status"::text AS status`;
  if (rows[0]) log.info({ action: "BATCH_FINISHED", batchId, status: rows[0].status }, "Lote concluído");
}

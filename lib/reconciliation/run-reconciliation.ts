import { getPrisma, type MatchStatus, type Prisma } from "@/lib/db/client";
import { matchImageToCarteira, type MatchOutcome } from "@/lib/images/match-image-to-carteira";
import type { JobContext, JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";

const log = getLogger("CATALOG");

/** Photos nobody decided about yet; MANUAL/NO_SKU are never selected (and matchImageToCarteira guards them too). */
export const RECONCILABLE_STATUSES: MatchStatus[] = ["PENDING", "UNMATCHED", "AMBIGUOUS"];
export const RECONCILE_PAGE_SIZE = 500;
const PARALLEL_MATCHES = 8;

type Tally = {
  processed: number;
  matched: number;
  ambiguous: number;
  unmatched: number;
  skipped: number;
  changed: number;
};

export function reconcileWhere(
  run: { batchId: string | null; collectionId: string | null },
  afterId?: string | null,
): Prisma.ImageWhereInput {
  return {
    matchStatus: { in: RECONCILABLE_STATUSES },
    ...(run.batchId ? { batchId: run.batchId } : {}),
    ...(run.collectionId ? { collectionId: run.collectionId } : {}),
    ...(afterId ? { id: { gt: afterId } } : {}),
  };
}

/**
 * The reconcile job: walks the undecided photos of the run's scope in keyset pages of 500 and
 * re-matches each against the current carteira. After every page the counters and the cursor are
 * saved in one UPDATE, so the UI can poll progress and a retried job resumes after the last page.
 */
export async function runReconciliation(
  runId: string,
  context?: Pick<JobContext, "isLastAttempt">,
): Promise<JobOutcome> {
  const prisma = getPrisma();
  const run = await prisma.reconciliationRun.findUnique({ where: { id: runId } });
  if (!run || run.status === "COMPLETED") return "skipped";
  await prisma.reconciliationRun.update({
    where: { id: runId },
    data: { status: "RUNNING", startedAt: run.startedAt ?? new Date(), error: null },
  });
  let cursor = run.cursor;
  try {
    for (;;) {
      const page = await prisma.image.findMany({
        where: reconcileWhere(run, cursor),
        orderBy: { id: "asc" },
        take: RECONCILE_PAGE_SIZE,
        select: {
          id: true,
          originalName: true,
          relativePath: true,
          collectionId: true,
          brandId: true,
          matchStatus: true,
          productId: true,
        },
      });
      if (page.length === 0) break;
      const tally: Tally = { processed: 0, matched: 0, ambiguous: 0, unmatched: 0, skipped: 0, changed: 0 };
      for (let i = 0; i < page.length; i += PARALLEL_MATCHES) {
        const outcomes = await Promise.all(
          page.slice(i, i + PARALLEL_MATCHES).map((image) => matchImageToCarteira(image)),
        );
        for (const outcome of outcomes) count(tally, outcome);
      }
      cursor = page.at(-1)!.id;
      await prisma.reconciliationRun.update({
        where: { id: runId },
        data: {
          cursor,
          processed: { increment: tally.processed },
          matched: { increment: tally.matched },
          ambiguous: { increment: tally.ambiguous },
          unmatched: { increment: tally.unmatched },
          skipped: { increment: tally.skipped },
          changed: { increment: tally.changed },
        },
      });
      if (page.length < RECONCILE_PAGE_SIZE) break;
    }
    await prisma.reconciliationRun.update({
      where: { id: runId },
      data: { status: "COMPLETED", finishedAt: new Date() },
    });
    return "success";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ action: "RECONCILE_FAILED", runId, err: message }, "Falha na conciliação");
    // Only the last attempt marks the run failed; earlier ones leave it RUNNING for the retry to resume.
    if (context?.isLastAttempt !== false) {
      await prisma.reconciliationRun.update({
        where: { id: runId },
        data: { status: "FAILED", error: message.slice(0, 500), finishedAt: new Date() },
      });
    }
    throw error;
  }
}

function count(tally: Tally, outcome: MatchOutcome): void {
  tally.processed += 1;
  if (outcome.changed) tally.changed += 1;
  if (outcome.to === "MATCHED") tally.matched += 1;
  else if (outcome.to === "AMBIGUOUS") tally.ambiguous += 1;
  else if (outcome.to === "UNMATCHED") tally.unmatched += 1;
  else tally.skipped += 1; // a person decided while the run was going (MANUAL/NO_SKU), or still PENDING
}

import pLimit, { type LimitFunction } from "p-limit";
import type { AiField } from "@/lib/ai/fields";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import type { JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { runSliceMs } from "./ai-run-job";
import { stepBatchRun } from "./batch-mode";
import { enqueueRun } from "./enqueue-run";
import { processItem, type RunForItem } from "./process-item";
import { finishIfDone, markRunning } from "./run-control";
import { claimItems } from "./run-items";

const log = getLogger("AI");
/** Idle re-check while every remaining photo waits (backoff, key cooldown) or is held by another worker. */
const IDLE_CHECK_MS = 500;

const globalForAi = globalThis as unknown as { vitrineAiLimit?: LimitFunction };

/** One limiter per process: the photos of every run this process works on share AI_WORKER_CONCURRENCY slots. */
function processLimit(): LimitFunction {
  globalForAi.vitrineAiLimit ??= pLimit(getEnv().AI_WORKER_CONCURRENCY);
  return globalForAi.vitrineAiLimit;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadRun(runId: string) {
  return getPrisma().aiRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      status: true,
      mode: true,
      engine: true,
      fields: true,
      overwriteManual: true,
      createdById: true,
    },
  });
}

/**
 * A run job: works on the run for one slice (runSliceMs), then hands over to a new job while work
 * remains — photos are claimed as slots free up (claimItems: SKIP LOCKED, stale claims taken over),
 * each processed by processItem. Stops when the run is paused or cancelled, finishes it when every
 * photo ended. Safe to run twice or side by side with another job of the same run.
 */
export async function processRun(runId: string): Promise<JobOutcome> {
  const run = await loadRun(runId);
  if (!run || !["QUEUED", "RUNNING"].includes(run.status)) return "skipped";
  await markRunning(runId);
  if (run.mode === "batch") return stepBatchRun({ ...run, fields: run.fields as AiField[] });

  const item: RunForItem = { ...run, fields: run.fields as AiField[] };
  const limit = processLimit();
  const deadline = Date.now() + runSliceMs();
  const inFlight = new Set<Promise<unknown>>();
  let isStopping = false;

  while (Date.now() < deadline && !isStopping) {
    const free = limit.concurrency - limit.activeCount - limit.pendingCount;
    const claimed = free > 0 ? await claimItems(runId, free) : [];
    for (const claim of claimed) {
      const task = limit(() => processItem(item, claim)).then((turn) => {
        if (turn === "paused") isStopping = true;
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
    if (claimed.length > 0) continue;
    if (inFlight.size > 0) {
      await Promise.race([...inFlight, sleep(IDLE_CHECK_MS)]);
    } else {
      const state = await remainingWork(runId);
      if (state.status !== "RUNNING") break;
      if (state.open === 0) break;
      // Everything left waits (backoff, key cooldown) or is held by another worker.
      const waitMs = state.nextAt ? Math.max(0, state.nextAt.getTime() - Date.now()) : IDLE_CHECK_MS;
      if (Date.now() + waitMs > deadline) break;
      await sleep(Math.min(Math.max(waitMs, 50), 5_000));
    }
    if (!isStopping) isStopping = (await runStatus(runId)) !== "RUNNING";
  }
  await Promise.allSettled([...inFlight]);

  if (await finishIfDone(runId)) {
    log.info({ action: "AI_RUN_DONE", runId }, "Análise de IA concluída");
    return "success";
  }
  const state = await remainingWork(runId);
  if (state.status === "RUNNING" && state.open > 0) {
    const delaySeconds = state.nextAt ? Math.max(0, (state.nextAt.getTime() - Date.now()) / 1000) : 0;
    await enqueueRun(runId, delaySeconds > 1 ? delaySeconds : 0);
  }
  return "success";
}

async function runStatus(runId: string): Promise<string | null> {
  const run = await getPrisma().aiRun.findUnique({ where: { id: runId }, select: { status: true } });
  return run?.status ?? null;
}

/** The run's status, its photos not ended yet, and when the first waiting one may go. */
async function remainingWork(runId: string): Promise<{ status: string | null; open: number; nextAt: Date | null }> {
  const [row] = await getPrisma().$queryRaw<{ status: string | null; open: number; nextAt: Date | null }[]>`
    SELECT (SELECT "status"::text FROM "AiRun" WHERE "id" = ${runId}::uuid) AS status,
           count(*)::int AS open,
           min(CASE WHEN it."status" = 'PENDING' THEN COALESCE(it."notBefore", now()) END) AS "nextAt"
    FROM "AiRunItem" it WHERE it."runId" = ${runId}::uuid AND it."status" IN ('PENDING', 'RUNNING')`;
  return row ?? { status: null, open: 0, nextAt: null };
}

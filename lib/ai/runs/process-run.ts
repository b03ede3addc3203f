import pLimit, { type LimitFunction } from "p-limit";
import type { AiField } from "@/lib/ai/fields";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import type { JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { runSliceMs } from "./ai-run-job";
import { stepBatchRun } from "./batch-mode";
import { enqueueRun } from "./enqueue-run";
import { aiConcurrencyNow } from "./ingest-priority";
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
    const free = (await aiConcurrencyNow(limit.concurrency)) - limit.activeCount - limit.pendingCount;
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
  // The slice is over with photos still in flight: the next job is sent before they finish, so it
  // claims photos as their slots free up and the provider never waits for this job to drain
  // (bench:ai measured ~1 s idle at every hand-over when the next job came only after the drain).
  let handedOver = false;
  if (!isStopping && inFlight.size > 0) handedOver = await handOver(runId, inFlight.size);
  log.debug(
    { action: "AI_RUN_SLICE_END", runId, inFlight: inFlight.size, handedOver, isStopping },
    "Fatia da análise encerrada",
  );
  await Promise.allSettled([...inFlight]);

  if (await finishIfDone(runId)) {
    log.info({ action: "AI_RUN_DONE", runId }, "Análise de IA concluída");
    return "success";
  }
  if (!handedOver) await handOver(runId, 0);
  return "success";
}

/** Sends the run's next job if photos remain beyond the `held` ones this job still works on (when the first waiting one may go). */
async function handOver(runId: string, held: number): Promise<boolean> {
  const state = await remainingWork(runId);
  if (state.status !== "RUNNING" || state.open <= held) return false;
  const delaySeconds = state.nextAt ? Math.max(0, (state.nextAt.getTime() - Date.now()) / 1000) : 0;
  await enqueueRun(runId, delaySeconds > 1 ? delaySeconds : 0);
  return true;
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

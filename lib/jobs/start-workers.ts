import { getEnv } from "@/lib/config/env";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { waitForDatabase } from "@/lib/db/wait-for-database";
import { getLogger } from "@/lib/log/logger";
import { getBoss, registerLocalWorker, stopBossWithin } from "./boss";
import type { JobDefinition, JobHandler, MaintenanceTask } from "./define-job";
import { ensureQueue } from "./ensure-queue";

const log = getLogger("JOBS");
const globalForWorkers = globalThis as unknown as {
  vitrineWorkersStarted?: boolean;
  vitrineWorkersStopping?: boolean;
  vitrineMaintenanceTimers?: NodeJS.Timeout[];
};

/**
 * An idle worker asks for work this often. Sends from this process wake its workers at once, so
 * this only bounds how soon a separate `npm run worker` process notices work, and what an idle
 * server costs the database (each poll is one fetch per loop).
 */
const IDLE_POLLING_SECONDS = 2;

/**
 * Registers pg-boss worker loops for the given job kinds and starts the maintenance tasks (in the
 * web server by default, or `npm run worker`). The process entry composes both lists
 * (lib/server/worker-jobs.ts): lib/jobs knows no area's handler.
 */
export async function startWorkers({
  handlers,
  maintenance = [],
}: {
  handlers: JobHandler[];
  maintenance?: MaintenanceTask[];
}): Promise<void> {
  if (globalForWorkers.vitrineWorkersStarted) return;
  globalForWorkers.vitrineWorkersStarted = true;
  const boss = await getBoss();
  const concurrency = getEnv().WORKER_CONCURRENCY;
  for (const { job } of handlers) await ensureQueue(job);
  for (const { job, run: runJob } of handlers) {
    const loops = job.concurrency ?? concurrency;
    for (let i = 0; i < loops; i++) {
      let workerId = "";
      workerId = await boss.work(
        job.name,
        { batchSize: 1, pollingIntervalSeconds: IDLE_POLLING_SECONDS, includeMetadata: true },
        async ([item]) => {
          if (!item) return;
          try {
            const outcome = await runJob(item.data, {
              jobId: item.id,
              attempt: item.retryCount + 1,
              isLastAttempt: item.retryCount >= item.retryLimit,
            });
            log.debug({ action: "JOB_DONE", job: job.name, id: item.id, outcome }, "Job concluído");
          } catch (error) {
            if (isDatabaseUnavailable(error) && !globalForWorkers.vitrineWorkersStopping)
              await pauseUntilDatabaseIsBack(job, item.id);
            throw error;
          } finally {
            // pg-boss waits a full polling interval after every fetch; a worker that just found work
            // asks again at once, so a busy queue runs at processing speed, not polling speed.
            boss.notifyWorker(workerId);
          }
        },
      );
      registerLocalWorker(job.name, workerId);
    }
  }
  const timers = (globalForWorkers.vitrineMaintenanceTimers = [] as NodeJS.Timeout[]);
  for (const task of maintenance) {
    const run = () =>
      task
        .run()
        .catch((error: unknown) =>
          log.error(
            { action: "MAINTENANCE_FAILED", task: task.name, err: String(error) },
            "Falha em tarefa de manutenção",
          ),
        );
    void run();
    timers.push(setInterval(run, task.everySeconds * 1000).unref());
  }
  log.info(
    { action: "WORKERS_STARTED", jobs: handlers.map((h) => h.job.name).join(","), concurrency },
    "Workers iniciados",
  );
}

/**
 * A job that failed because the database went away waits here for it to come back before the
 * failure is reported: pg-boss would write that failure to the same dead database and lose it,
 * leaving the job active until it expires. Reported once the database answers, the job is retried
 * with the usual backoff. The wait stays within half the job's expiry (pg-boss gives up on the
 * handler at the expiry) and ends at once when the process is stopping.
 */
async function pauseUntilDatabaseIsBack(job: JobDefinition, jobId: string): Promise<void> {
  log.warn({ action: "JOB_WAITING_FOR_DATABASE", job: job.name, id: jobId }, "Job aguardando o banco de dados voltar");
  const timeoutMs = Math.min(((job.expireInSeconds ?? 15 * 60) * 1000) / 2, 60_000);
  await waitForDatabase({ timeoutMs, shouldStop: () => globalForWorkers.vitrineWorkersStopping === true });
}

/**
 * How long active jobs get to finish on SIGTERM/SIGINT: with the HTTP drain before it and
 * PostgreSQL's stop after it, the whole app is gone within the 10 s supervisors wait (Docker's
 * default) before they SIGKILL.
 */
export const WORKER_STOP_TIMEOUT_MS = 5_000;

/**
 * Graceful stop: no new jobs are taken; active ones get `timeoutMs` to finish and the rest are
 * failed so pg-boss retries them (in another worker, or on the next start).
 */
export async function stopWorkers(options: { timeoutMs?: number } = {}): Promise<void> {
  if (!globalForWorkers.vitrineWorkersStarted) return;
  globalForWorkers.vitrineWorkersStopping = true;
  for (const timer of globalForWorkers.vitrineMaintenanceTimers ?? []) clearInterval(timer);
  globalForWorkers.vitrineMaintenanceTimers = [];
  try {
    await stopBossWithin(options.timeoutMs ?? WORKER_STOP_TIMEOUT_MS);
    log.info({ action: "WORKERS_STOPPED" }, "Workers parados");
  } finally {
    globalForWorkers.vitrineWorkersStarted = false;
    globalForWorkers.vitrineWorkersStopping = false;
  }
}

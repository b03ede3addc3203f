import { getEnv } from "@/lib/config/env";
import { getLogger } from "@/lib/log/logger";
import { getBoss, registerLocalWorker } from "./boss";
import type { JobDefinition } from "./define-job";
import { jobRegistry, maintenanceTasks } from "./registry";

const log = getLogger("JOBS");
const globalForWorkers = globalThis as unknown as { vitrineWorkersStarted?: boolean };

const createdQueues = new Set<string>();
/**
 * An idle worker asks for work this often. Sends from this process wake its workers at once, so
 * this only bounds how soon a separate `npm run worker` process notices work, and what an idle
 * server costs the database (each poll is one fetch per loop).
 */
const IDLE_POLLING_SECONDS = 2;

/**
 * Creates every queue with its retry policy (idempotent); also needed by processes that only send.
 * Each queue is created once per process: senders call this on every enqueue (e.g. each upload).
 */
export async function ensureQueues(jobs: JobDefinition[] = jobRegistry): Promise<void> {
  const boss = await getBoss();
  for (const job of jobs) {
    if (createdQueues.has(job.name)) continue;
    await boss.createQueue(job.name, {
      name: job.name,
      retryLimit: job.retryLimit ?? 3,
      retryDelay: job.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
    });
    createdQueues.add(job.name);
  }
}

/** Registers pg-boss worker loops for every job kind (in the web server by default, or `npm run worker`). */
export async function startWorkers(): Promise<void> {
  if (globalForWorkers.vitrineWorkersStarted) return;
  globalForWorkers.vitrineWorkersStarted = true;
  const boss = await getBoss();
  const concurrency = getEnv().WORKER_CONCURRENCY;
  await ensureQueues();
  for (const job of jobRegistry) {
    const loops = job.concurrency ?? concurrency;
    for (let i = 0; i < loops; i++) {
      let workerId = "";
      workerId = await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: IDLE_POLLING_SECONDS, includeMetadata: true }, async ([item]) => {
        if (!item) return;
        try {
          const payload = job.schema.parse(item.data);
          const outcome = await job.handle(payload, {
            jobId: item.id,
            attempt: item.retryCount + 1,
            isLastAttempt: item.retryCount >= item.retryLimit,
          });
          log.debug({ action: "JOB_DONE", job: job.name, id: item.id, outcome }, "Job concluído");
        } finally {
          // pg-boss waits a full polling interval after every fetch; a worker that just found work
          // asks again at once, so a busy queue runs at processing speed, not polling speed.
          boss.notifyWorker(workerId);
        }
      });
      registerLocalWorker(job.name, workerId);
    }
  }
  for (const task of maintenanceTasks) {
    const run = () =>
      task.run().catch((error: unknown) => log.error({ action: "MAINTENANCE_FAILED", task: task.name, err: String(error) }, "Falha em tarefa de manutenção"));
    void run();
    setInterval(run, task.everySeconds * 1000).unref();
  }
  log.info({ action: "WORKERS_STARTED", jobs: jobRegistry.map((j) => j.name).join(","), concurrency }, "Workers iniciados");
}

import { getEnv } from "@/lib/config/env";
import { getLogger } from "@/lib/log/logger";
import { getBoss } from "./boss";
import { jobRegistry } from "./registry";

const log = getLogger("JOBS");
let started = false;

/** Registers a pg-boss worker loop per job kind (in the web server by default, or `npm run worker`). */
export async function startWorkers(): Promise<void> {
  if (started) return;
  started = true;
  const boss = await getBoss();
  const concurrency = getEnv().WORKER_CONCURRENCY;
  for (const job of jobRegistry) {
    await boss.createQueue(job.name, {
      name: job.name,
      retryLimit: job.retryLimit ?? 3,
      retryDelay: job.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
    });
    const loops = job.concurrency ?? concurrency;
    for (let i = 0; i < loops; i++) {
      await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([item]) => {
        if (!item) return;
        const payload = job.schema.parse(item.data);
        const outcome = await job.handle(payload);
        log.debug({ action: "JOB_DONE", job: job.name, id: item.id, outcome }, "Job concluído");
      });
    }
  }
  log.info({ action: "WORKERS_STARTED", jobs: jobRegistry.map((j) => j.name).join(","), concurrency }, "Workers iniciados");
}

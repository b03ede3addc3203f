import { getBoss } from "./boss";
import type { JobDefinition } from "./define-job";

const createdQueues = new Set<string>();

/**
 * Creates a job's queue with its retry policy (idempotent); pg-boss rejects sends to a missing
 * queue, so senders call this before sending. Each queue is created once per process: senders
 * call it on every enqueue (e.g. each upload).
 */
export async function ensureQueue(job: JobDefinition): Promise<void> {
  if (createdQueues.has(job.name)) return;
  const boss = await getBoss();
  await boss.createQueue(job.name, {
    name: job.name,
    retryLimit: job.retryLimit ?? 3,
    retryDelay: job.retryDelaySeconds ?? 5,
    retryBackoff: true,
    expireInSeconds: job.expireInSeconds ?? 15 * 60,
  });
  createdQueues.add(job.name);
}

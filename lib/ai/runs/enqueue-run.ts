import type PgBoss from "pg-boss";
import { sendJob } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { aiRunJob } from "./ai-run-job";

/** Sends a job for the run (after `delaySeconds` when given: a batch poll, a photo's backoff). */
export async function enqueueRun(runId: string, delaySeconds = 0): Promise<void> {
  await ensureQueue(aiRunJob);
  const options: PgBoss.SendOptions = delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {};
  await sendJob(aiRunJob.name, { runId }, options);
}

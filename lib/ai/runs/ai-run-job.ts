import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/jobs/define-job";
import { aiRunJobPayloadSchema } from "./schemas";

export const AI_RUN_JOB = "ai.run";

/**
 * One AI run's work, in its own queue (never the image queue: a big run cannot starve ingestion).
 * A job works on its run for a slice of its expiry (runSliceMs) and sends the next job itself, so
 * a killed process's job is retried after AI_JOB_EXPIRE_SECONDS and never outlives its expiry.
 * Two runs of a process progress side by side; their photos share AI_WORKER_CONCURRENCY slots.
 * Handler: ai-run-handler.ts.
 */
export const aiRunJob = defineJob({
  name: AI_RUN_JOB,
  schema: aiRunJobPayloadSchema,
  retryLimit: 20,
  retryDelaySeconds: 5,
  expireInSeconds: getEnv().AI_JOB_EXPIRE_SECONDS,
  concurrency: 2,
});

/** How long one job works on its run before handing over to the next job. */
export function runSliceMs(): number {
  return Math.floor((getEnv().AI_JOB_EXPIRE_SECONDS * 1000) / 3);
}

/** A photo claimed longer ago than this belongs to a dead worker and is taken over. */
export function claimLeaseSeconds(): number {
  return Math.ceil(getEnv().AI_JOB_EXPIRE_SECONDS * 0.75);
}

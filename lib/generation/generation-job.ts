import { z } from "zod";
import type PgBoss from "pg-boss";
import { getEnv } from "@/lib/config/env";
import { sendJob } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define-job";
import { ensureQueue } from "@/lib/jobs/ensure-queue";

export const GENERATION_JOB = "generation.run";

/**
 * One generation job's work, in its own queue: the job generates its images one at a time for a
 * slice of its expiry (generationSliceMs) and then sends the next job itself, so a killed
 * process's job is retried after GENERATION_JOB_EXPIRE_SECONDS. Handler: generation-handler.ts.
 */
export const generationJob = defineJob({
  name: GENERATION_JOB,
  schema: z.object({ jobId: z.uuid() }),
  retryLimit: 20,
  retryDelaySeconds: 5,
  expireInSeconds: getEnv().GENERATION_JOB_EXPIRE_SECONDS,
  concurrency: 2,
});

/** How long one pg-boss job works before handing over (a request may still take its timeout after it). */
export function generationSliceMs(): number {
  return Math.floor((getEnv().GENERATION_JOB_EXPIRE_SECONDS * 1000) / 3);
}

/** An image claimed longer ago than this belongs to a dead worker and is taken over. */
export function generationLeaseSeconds(): number {
  return Math.ceil(getEnv().GENERATION_JOB_EXPIRE_SECONDS * 0.75);
}

export async function enqueueGeneration(jobId: string, delaySeconds = 0): Promise<void> {
  await ensureQueue(generationJob);
  const options: PgBoss.SendOptions = delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {};
  await sendJob(generationJob.name, { jobId }, options);
}

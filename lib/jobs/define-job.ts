import type { z } from "zod";

/** Outcome a handler reports; `failed` throws so pg-boss retries with backoff. */
export type JobOutcome = "success" | "skipped";

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  /** Handlers re-read their data and are safe to run twice (a job may be retried after a crash). */
  handle: (payload: z.infer<S>) => Promise<JobOutcome>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Parallel jobs of this kind per process (multiplied by WORKER_CONCURRENCY where noted). */
  concurrency?: number;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

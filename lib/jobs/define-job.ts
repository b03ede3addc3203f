import type { z } from "zod";

/** Outcome a handler reports; a thrown error is a failure that pg-boss retries with backoff. */
export type JobOutcome = "success" | "skipped" | "failed";

export type JobContext = { jobId: string; attempt: number; isLastAttempt: boolean };

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  /** Handlers re-read their data and are safe to run twice (a job may be retried after a crash). */
  handle: (payload: z.infer<S>, context: JobContext) => Promise<JobOutcome>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An active job whose worker died is retried after this long. */
  expireInSeconds?: number;
  /** Parallel jobs of this kind per process; defaults to WORKER_CONCURRENCY. */
  concurrency?: number;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

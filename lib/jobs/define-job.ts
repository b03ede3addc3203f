import type { z } from "zod";

/** Outcome a handler reports; a thrown error is a failure that pg-boss retries with backoff. */
export type JobOutcome = "success" | "skipped" | "failed";

export type JobContext = { jobId: string; attempt: number; isLastAttempt: boolean };

/**
 * What a sender needs to know about a job kind: its queue name, payload schema and retry policy.
 * No handler here: a sender imports only the definition it sends, never the code that runs it.
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
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

/**
 * A job kind with the code that runs it, registered by its own area (`lib/<area>/*-handler.ts`)
 * and composed into a worker by the process entries. `run` takes the raw payload and parses it
 * with the definition's schema, so a list of handlers of different payloads needs no cast.
 */
export type JobHandler = {
  job: JobDefinition;
  run: (data: unknown, context: JobContext) => Promise<JobOutcome>;
};

/** Handlers re-read their data and are safe to run twice (a job may be retried after a crash). */
export function handleJob<S extends z.ZodType>(
  job: JobDefinition<S>,
  handle: (payload: z.infer<S>, context: JobContext) => Promise<JobOutcome>,
): JobHandler {
  return { job, run: (data, context) => handle(job.schema.parse(data), context) };
}

/** A periodic safety net run by every worker process. */
export type MaintenanceTask = { name: string; everySeconds: number; run: () => Promise<unknown> };

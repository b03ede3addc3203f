import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/jobs/define-job";

export const URL_CHUNK_JOB = "batch.url-chunk";

export const urlChunkJobPayloadSchema = z.object({ chunkId: z.uuid() }).strict();

/**
 * One chunk of a URL batch: its worker fetches the chunk's pending URLs into blob storage and records
 * each like an upload (then the image queue takes them, exactly as for uploaded files). Its own queue,
 * so a slow host never holds the image workers. Handler: url-chunk-handler.ts (it works a third of the
 * expiry at most, then sends the chunk again, so a live job never expires).
 */
export const urlChunkJob = defineJob({
  name: URL_CHUNK_JOB,
  schema: urlChunkJobPayloadSchema,
  retryLimit: 20,
  retryDelaySeconds: 5,
  expireInSeconds: getEnv().URL_CHUNK_JOB_EXPIRE_SECONDS,
  concurrency: 2,
});

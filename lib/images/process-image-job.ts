import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/jobs/define-job";

export const PROCESS_IMAGE_JOB = "image.process";
/** New uploads outrank reprocessing runs, so a big retry never starves fresh work. */
export const PRIORITY_NEW = 10;
export const PRIORITY_REPROCESS = 0;

/** One photo through the pipeline; the handler is lib/batches/process-image-handler.ts (photos arrive through batches). */
export const processImageJob = defineJob({
  name: PROCESS_IMAGE_JOB,
  schema: z.object({ imageId: z.uuid() }),
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: getEnv().IMAGE_JOB_EXPIRE_SECONDS,
});

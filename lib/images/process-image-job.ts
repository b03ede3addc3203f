import { z } from "zod";
import { getEnv } from "@/lib/config/env";
import { defineJob } from "@/lib/jobs/define-job";
import { processImage } from "./process-image";

export const PROCESS_IMAGE_JOB = "image.process";
/** New uploads outrank reprocessing runs, so a big retry never starves fresh work. */
export const PRIORITY_NEW = 10;
export const PRIORITY_REPROCESS = 0;

export const processImageJob = defineJob({
  name: PROCESS_IMAGE_JOB,
  schema: z.object({ imageId: z.uuid() }),
  handle: ({ imageId }, context) => processImage(imageId, context),
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: getEnv().IMAGE_JOB_EXPIRE_SECONDS,
});

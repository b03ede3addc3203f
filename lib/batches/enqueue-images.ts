import { insertJobs } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { PRIORITY_NEW, PROCESS_IMAGE_JOB, processImageJob } from "@/lib/images/process-image-job";

const CHUNK = 1000;

/** Sends one processing job per image, in chunks (pg-boss bulk insert). Duplicated jobs are harmless: the claim decides. */
export async function enqueueImageJobs(imageIds: string[], priority = PRIORITY_NEW): Promise<void> {
  if (imageIds.length === 0) return;
  await ensureQueue(processImageJob);
  for (let i = 0; i < imageIds.length; i += CHUNK) {
    await insertJobs(
      PROCESS_IMAGE_JOB,
      imageIds.slice(i, i + CHUNK).map((imageId) => ({ data: { imageId }, priority })),
    );
  }
}

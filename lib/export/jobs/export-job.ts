import { defineJob } from "@/lib/jobs/define-job";
import { exportJobPayloadSchema } from "./schemas";

/**
 * One job per export job record (handler: export-job-handler.ts). The long expiry is the longest an
 * export may take; a killed worker is noticed much sooner by its silence (recover-stalled-export-jobs.ts).
 */
export const exportFileJob = defineJob({
  name: "export-file",
  schema: exportJobPayloadSchema,
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 60 * 60,
  concurrency: 1,
});

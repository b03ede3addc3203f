import { defineJob } from "@/lib/jobs/define-job";
import { bulkActionJobPayloadSchema } from "./schemas";

/** One job per large filter selection; it walks the filter in keyset chunks itself (handler: bulk-action-handler.ts). */
export const bulkActionJob = defineJob({
  name: "bulk-image-action",
  schema: bulkActionJobPayloadSchema,
  retryLimit: 3,
  retryDelaySeconds: 10,
  expireInSeconds: 60 * 60,
  concurrency: 1,
});

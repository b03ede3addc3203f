import { defineJob } from "@/lib/jobs/define-job";
import { reconcileJobPayloadSchema } from "./schemas";

/** One job per "Reconciliar" click; it loops over keyset pages itself (handler: reconcile-handler.ts). */
export const reconcileJob = defineJob({
  name: "reconcile",
  schema: reconcileJobPayloadSchema,
  retryLimit: 3,
  retryDelaySeconds: 10,
  expireInSeconds: 60 * 60,
  concurrency: 1,
});

import { defineJob } from "@/lib/jobs/define-job";
import { runReconciliation } from "./run-reconciliation";
import { reconcileJobPayloadSchema } from "./schemas";

/** One job per "Reconciliar" click; it loops over keyset pages itself (bounded memory, resumable). */
export const reconcileJob = defineJob({
  name: "reconcile",
  schema: reconcileJobPayloadSchema,
  handle: (payload, context) => runReconciliation(payload.runId, context),
  retryLimit: 3,
  retryDelaySeconds: 10,
  expireInSeconds: 60 * 60,
  concurrency: 1,
});

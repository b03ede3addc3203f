import { handleJob } from "@/lib/jobs/define-job";
import { reconcileJob } from "./reconcile-job";
import { runReconciliation } from "./run-reconciliation";

export const reconcileHandler = handleJob(reconcileJob, (payload, context) =>
  runReconciliation(payload.runId, context),
);

import { handleJob } from "@/lib/jobs/define-job";
import { bulkActionJob } from "./bulk-action-job";
import { runBulkAction } from "./run-bulk-action";

export const bulkActionHandler = handleJob(bulkActionJob, (payload, context) => runBulkAction(payload.runId, context));

import { handleJob } from "@/lib/jobs/define-job";
import { exportFileJob } from "./export-job";
import { runExportJob } from "./run-export-job";

export const exportJobHandler = handleJob(exportFileJob, ({ exportId }, context) => runExportJob(exportId, context));

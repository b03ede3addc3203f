import { handleJob } from "@/lib/jobs/define-job";
import { aiRunJob } from "./ai-run-job";
import { processRun } from "./process-run";

export const aiRunHandler = handleJob(aiRunJob, ({ runId }) => processRun(runId));

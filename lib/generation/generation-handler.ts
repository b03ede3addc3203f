import { handleJob } from "@/lib/jobs/define-job";
import { generationJob } from "./generation-job";
import { processGenerationJob } from "./process-generation-job";

export const generationHandler = handleJob(generationJob, ({ jobId }) => processGenerationJob(jobId));

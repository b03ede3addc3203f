import { processImageJob } from "@/lib/images/process-image-job";
import { handleJob } from "@/lib/jobs/define-job";
import { processBatchImage } from "./process-batch-image";

export const processImageHandler = handleJob(processImageJob, ({ imageId }, context) =>
  processBatchImage(imageId, context),
);

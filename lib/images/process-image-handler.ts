import { handleJob } from "@/lib/jobs/define-job";
import { processImage } from "./process-image";
import { processImageJob } from "./process-image-job";

export const processImageHandler = handleJob(processImageJob, ({ imageId }, context) => processImage(imageId, context));

import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";

export const CARTEIRA_IMPORT_JOB = "carteira.import";

/** Big carteiras are imported in the background (handler: carteira-import-handler.ts). */
export const carteiraImportJob = defineJob({
  name: CARTEIRA_IMPORT_JOB,
  schema: z.object({ importId: z.uuid() }),
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 30 * 60,
  concurrency: 1,
});

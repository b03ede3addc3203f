import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { markImportFailed } from "./import-records";
import { runCarteiraImport } from "./run-carteira-import";

export const CARTEIRA_IMPORT_JOB = "carteira.import";

/** Big carteiras are imported in the background; the handler re-reads the CarteiraImport row. */
export const carteiraImportJob = defineJob({
  name: CARTEIRA_IMPORT_JOB,
  schema: z.object({ importId: z.uuid() }),
  handle: async ({ importId }, context) => {
    try {
      const { isSkipped } = await runCarteiraImport(importId);
      return isSkipped ? "skipped" : "success";
    } catch (error) {
      // Infrastructure trouble (storage, connection): retried; the last attempt leaves a FAILED row, never a stuck RUNNING one.
      if (!context?.isLastAttempt) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await markImportFailed(importId, {
        issues: [{ sheet: null, line: null, code: "INTERNAL", message: "A importação falhou; tente novamente.", severity: "error" }],
        reason: message,
      });
      return "failed";
    }
  },
  retryLimit: 2,
  retryDelaySeconds: 10,
  expireInSeconds: 30 * 60,
  concurrency: 1,
});

import { handleJob, type JobContext, type JobOutcome } from "@/lib/jobs/define-job";
import { carteiraImportJob } from "./carteira-import-job";
import { markImportFailed } from "./import-records";
import { runCarteiraImport } from "./run-carteira-import";

/** Runs one background import; it re-reads the CarteiraImport row, so a retry is safe. */
export async function runCarteiraImportJob(
  { importId }: { importId: string },
  context: JobContext,
): Promise<JobOutcome> {
  try {
    const { isSkipped } = await runCarteiraImport(importId);
    return isSkipped ? "skipped" : "success";
  } catch (error) {
    // Infrastructure trouble (storage, connection): retried; the last attempt leaves a FAILED row, never a stuck RUNNING one.
    if (!context.isLastAttempt) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await markImportFailed(importId, {
      issues: [
        {
          sheet: null,
          line: null,
          code: "INTERNAL",
          message: "A importação falhou; tente novamente.",
          severity: "error",
        },
      ],
      reason: message,
    });
    return "failed";
  }
}

export const carteiraImportHandler = handleJob(carteiraImportJob, runCarteiraImportJob);

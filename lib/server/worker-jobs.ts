import { aiRunHandler } from "@/lib/ai/runs/ai-run-handler";
import { recoverStalledRuns } from "@/lib/ai/runs/recover-stalled-runs";
import { processImageHandler } from "@/lib/batches/process-image-handler";
import { recoverStalledImages } from "@/lib/batches/recover-stalled-images";
import { purgeExpiredBatches } from "@/lib/batches/retention/purge-expired-batches";
import { recoverStalledUrlChunks } from "@/lib/batches/url-chunks/recover-stalled-url-chunks";
import { urlChunkHandler } from "@/lib/batches/url-chunks/url-chunk-handler";
import { carteiraImportHandler } from "@/lib/carteira/import/carteira-import-handler";
import { checkPendingDuplicates } from "@/lib/duplicates/check-duplicates";
import { generationHandler } from "@/lib/generation/generation-handler";
import { recoverStalledGeneration } from "@/lib/generation/recover-stalled-generation";
import { exportJobHandler } from "@/lib/export/jobs/export-job-handler";
import { expireExportFiles, recoverStalledExportJobs } from "@/lib/export/jobs/maintain-export-jobs";
import { bulkActionHandler } from "@/lib/images/bulk/bulk-action-handler";
import { sweepOrphanBlobs } from "@/lib/images/sweep-orphan-blobs";
import type { JobHandler, MaintenanceTask } from "@/lib/jobs/define-job";
import { reconcileHandler } from "@/lib/reconciliation/reconcile-handler";

/**
 * What a worker process runs, composed here for the two entries (instrumentation.ts for the
 * in-app workers, scripts/worker.ts for `npm run worker`): each area registers its own handler,
 * and nothing that only sends jobs imports this file.
 */
export const workerJobs: { handlers: JobHandler[]; maintenance: MaintenanceTask[] } = {
  handlers: [
    processImageHandler,
    urlChunkHandler,
    carteiraImportHandler,
    reconcileHandler,
    bulkActionHandler,
    aiRunHandler,
    generationHandler,
    exportJobHandler,
  ],
  maintenance: [
    { name: "recover-stalled-images", everySeconds: 30, run: recoverStalledImages },
    // URL batches: URLs held by a dead worker back to PENDING, chunks with no live job sent again.
    { name: "recover-stalled-url-chunks", everySeconds: 30, run: recoverStalledUrlChunks },
    // AI runs with no live job get one again; runs paused for want of keys resume once a key is back.
    { name: "recover-stalled-ai-runs", everySeconds: 30, run: recoverStalledRuns },
    // Generation jobs with no live job (a killed worker) get one again, at start and every 30 s.
    { name: "recover-stalled-generation", everySeconds: 30, run: recoverStalledGeneration },
    { name: "sweep-orphan-blobs", everySeconds: 3600, run: () => sweepOrphanBlobs() },
    // Soft-deleted batches past their restore date (the "daily" purge, looked for hourly: one indexed query).
    { name: "purge-deleted-batches", everySeconds: 3600, run: () => purgeExpiredBatches() },
    // Near-duplicates of photos that finished processing (one indexed query when there are none).
    { name: "check-duplicates", everySeconds: 5, run: checkPendingDuplicates },
    // Export jobs: a killed worker's job runs again from scratch; files past their expiry are deleted.
    { name: "recover-stalled-export-jobs", everySeconds: 30, run: () => recoverStalledExportJobs() },
    { name: "expire-export-files", everySeconds: 600, run: () => expireExportFiles() },
  ],
};

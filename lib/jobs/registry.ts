import { recoverStalledImages } from "@/lib/batches/recover-stalled-images";
import { sweepOrphanBlobs } from "@/lib/images/sweep-orphan-blobs";
import { carteiraImportJob } from "@/lib/carteira/import/carteira-import-job";
import { processImageJob } from "@/lib/images/process-image-job";
import { reconcileJob } from "@/lib/reconciliation/reconcile-job";
import type { JobDefinition } from "./define-job";

/** Every job kind the workers run: photo processing, carteira imports (big files), reconciliation runs. */
export const jobRegistry: JobDefinition[] = [processImageJob, carteiraImportJob, reconcileJob] as unknown as JobDefinition[];

/** Periodic safety nets run by every worker process. */
export const maintenanceTasks: { name: string; everySeconds: number; run: () => Promise<unknown> }[] = [
  { name: "recover-stalled-images", everySeconds: 30, run: recoverStalledImages },
  { name: "sweep-orphan-blobs", everySeconds: 3600, run: () => sweepOrphanBlobs() },
];

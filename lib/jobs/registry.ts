import { recoverStalledImages } from "@/lib/batches/recover-stalled-images";
import { processImageJob } from "@/lib/images/process-image-job";
import type { JobDefinition } from "./define-job";

/** Every job kind the workers run. */
export const jobRegistry: JobDefinition[] = [processImageJob as unknown as JobDefinition];

/** Periodic safety nets run by every worker process. */
export const maintenanceTasks: { name: string; everySeconds: number; run: () => Promise<unknown> }[] = [
  { name: "recover-stalled-images", everySeconds: 30, run: recoverStalledImages },
];
import { carteiraImportJob } from "@/lib/carteira/import/carteira-import-job"; jobRegistry.push(carteiraImportJob); // carteira import (background, big files)
import { reconcileJob } from "@/lib/reconciliation/reconcile-job"; jobRegistry.push(reconcileJob as unknown as JobDefinition); // reconciliation: re-match undecided photos against the carteira

"use server";

import { authorizedAction } from "@/lib/api/authorized-action";
import { listReconciliationQueue } from "@/lib/reconciliation/list-reconciliation-queue";
import { reconciliationQueueQuerySchema } from "@/lib/reconciliation/schemas";

/** Next keyset page of the Conciliação queue (the first one is rendered by the server page). */
export const loadQueueAction = authorizedAction("VIEWER", reconciliationQueueQuerySchema, (input) =>
  listReconciliationQueue(input),
);

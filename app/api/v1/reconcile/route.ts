// POST /api/v1/reconcile {batchId?, collectionId?}: re-match undecided photos against the current carteira (job) → 202 {runId}.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { reconcileInputSchema } from "@/lib/reconciliation/schemas";
import { startReconciliation } from "@/lib/reconciliation/start-reconciliation";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, reconcileInputSchema);
  const { runId, total } = await startReconciliation(user, input);
  return Response.json({ runId, total }, { status: 202, headers: { Location: `/api/v1/reconcile/${runId}` } });
});

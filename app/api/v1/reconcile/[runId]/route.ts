// GET /api/v1/reconcile/{runId}: progress and summary of a reconciliation run (poll until isDone).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getReconciliationRunOrThrow } from "@/lib/reconciliation/get-reconciliation-run";

export const GET = apiHandler<{ runId: string }>({ role: "VIEWER" }, async ({ params }) => {
  const id = parseRouteId(params.runId, "Conciliação não encontrada.");
  const run = await getReconciliationRunOrThrow(id);
  return Response.json(run, { headers: run.isDone ? {} : { "X-Polling-Interval": "1" } });
});

// GET /api/v1/images/bulk/{runId}: status and counts of a bulk job (poll until isDone).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getBulkActionRunOrThrow } from "@/lib/images/bulk/get-bulk-action-run";

export const GET = apiHandler<{ runId: string }>({ role: "VIEWER" }, async ({ params }) => {
  const run = await getBulkActionRunOrThrow(parseRouteId(params.runId, "Ação em massa não encontrada."));
  return Response.json(run, { headers: run.isDone ? {} : { "X-Polling-Interval": "1" } });
});

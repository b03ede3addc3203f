// GET /api/v1/batches/{id}/status: details, timing and performance; X-Polling-Interval says when to ask again (seed 004).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getBatchStatus } from "@/lib/batches/analytics/get-batch-status";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const status = await getBatchStatus(parseRouteId(params.id, "Lote não encontrado."));
  return Response.json(status, {
    headers: { "X-Polling-Interval": String(status.polling_interval_seconds), "Cache-Control": "no-store" },
  });
});

// GET /api/v1/batches/{id}/progress: counts, percentage, rate, ETA; X-Polling-Interval says when to ask again.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getBatchProgress } from "@/lib/batches/batch-progress";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const id = parseRouteId(params.id, "Lote não encontrado.");
  const progress = await getBatchProgress(id);
  return Response.json(progress, {
    headers: { "X-Polling-Interval": String(progress.pollIntervalSeconds), "Cache-Control": "no-store" },
  });
});

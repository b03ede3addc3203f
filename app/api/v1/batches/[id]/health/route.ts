// GET /api/v1/batches/{id}/health: health score 0–100, its components and recommendations (seed 004).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getBatchHealth } from "@/lib/batches/analytics/get-batch-health";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) =>
  Response.json(await getBatchHealth(parseRouteId(params.id, "Lote não encontrado.")), {
    headers: { "Cache-Control": "no-store" },
  }),
);

// GET /api/v1/batches/{id}/analyze: errors by category, top errors, hosts, blocked URLs, recommendations (seed 004).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getBatchAnalysis } from "@/lib/batches/analytics/get-batch-analysis";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) =>
  Response.json(await getBatchAnalysis(parseRouteId(params.id, "Lote não encontrado.")), {
    headers: { "Cache-Control": "no-store" },
  }),
);

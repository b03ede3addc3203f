// GET /api/v1/ai/runs/{id}/items?cursor=&status=&limit=: the run's per-photo log in id order.
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { listAiRunItems } from "@/lib/ai/runs/get-runs";
import { aiRunItemsQuerySchema } from "@/lib/ai/runs/schemas";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ request, params }) =>
  listAiRunItems(parseRouteId(params.id, "Análise não encontrada."), parseQuery(request, aiRunItemsQuerySchema)),
);

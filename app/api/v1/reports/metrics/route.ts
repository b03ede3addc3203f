// GET /api/v1/reports/metrics?brandId=&collectionId=&batchId=&from=&to=: the counts of Relatórios → Métricas.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { getMetrics } from "@/lib/reports/metrics";
import { metricsQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  getMetrics(parseQuery(request, metricsQuerySchema)),
);

// GET /api/v1/export/metrics/estimate: one metrics table written in every format (sizes for the menu); same query as the export.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { metricsExportEstimate } from "@/lib/reports/metrics-export";
import { metricsExportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  metricsExportEstimate(parseQuery(request, metricsExportQuerySchema)),
);

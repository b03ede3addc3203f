// GET /api/v1/reports/coverage/export/estimate: the coverage table in every format (sizes for the menu); same query as the export.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { coverageExportEstimate } from "@/lib/reports/coverage-export";
import { coverageExportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  coverageExportEstimate(parseQuery(request, coverageExportQuerySchema)),
);

// GET /api/v1/reports/shot-list/export/estimate: the matrix's first rows in every format (sizes for the menu); same query as the export.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { shotListExportQuerySchema } from "@/lib/reports/shot-list/schemas";
import { shotListExportEstimate } from "@/lib/reports/shot-list/shot-list-export";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  shotListExportEstimate(parseQuery(request, shotListExportQuerySchema)),
);

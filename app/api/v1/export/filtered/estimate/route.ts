// GET /api/v1/export/filtered/estimate: the catalog export's first rows written in every format (sizes for the menu).
// The same query as GET /api/v1/export/filtered; `format` is ignored (every format is measured).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { catalogExportRequest, filteredExportEstimate } from "@/lib/export/filtered-export";
import { filteredExportQuerySchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  filteredExportEstimate(catalogExportRequest(parseQuery(request, filteredExportQuerySchema))),
);

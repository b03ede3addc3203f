// GET /api/v1/export/batch/{id}/summary: totals, success rate, estimated size per format, filters with counts (seed 004).
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { batchExportSummary } from "@/lib/export/batch-export-api";
import { batchExportQuerySchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ request, params }) =>
  batchExportSummary(parseRouteId(params.id, "Lote não encontrado."), parseQuery(request, batchExportQuerySchema)),
);

// GET /api/v1/export/batch/{id}/preview: the first 100 rows of the export as JSON and the filters applied (seed 004).
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { batchExportPreview } from "@/lib/export/batch-export-api";
import { batchExportQuerySchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ request, params }) =>
  batchExportPreview(parseRouteId(params.id, "Lote não encontrado."), parseQuery(request, batchExportQuerySchema)),
);

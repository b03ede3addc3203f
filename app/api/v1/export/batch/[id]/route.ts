// GET /api/v1/export/batch/{id}?format&metadata&success_only&failed_only&start_date&end_date: a batch's items, streamed (seed 004).
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { batchExport } from "@/lib/export/batch-export-api";
import { exportHeaders } from "@/lib/export/formats";
import { batchExportQuerySchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ request, params, user }) => {
  const query = parseQuery(request, batchExportQuerySchema);
  const { format, stream, name } = await batchExport(user, parseRouteId(params.id, "Lote não encontrado."), query);
  return new Response(stream, { headers: exportHeaders(format, name) });
});

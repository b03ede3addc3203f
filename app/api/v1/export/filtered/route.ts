// GET|POST /api/v1/export/filtered: the catalog's filtered (or selected) photos, streamed as CSV, JSON, NDJSON or XLSX.
// POST takes {filters, format, limit?, metadata?, separator?} (seed 004); GET the same as a query (a download link).
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { catalogExportRequest, filteredExport } from "@/lib/export/filtered-export";
import { exportHeaders } from "@/lib/export/formats";
import { filteredExportQuerySchema, filteredExportSchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const query = parseQuery(request, filteredExportQuerySchema);
  const { format, stream } = await filteredExport(user, catalogExportRequest(query));
  return new Response(stream, { headers: exportHeaders(format, "catalogo") });
});

export const POST = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const input = await readJson(request, filteredExportSchema);
  const { format, stream } = await filteredExport(user, catalogExportRequest(input));
  return new Response(stream, { headers: exportHeaders(format, "catalogo") });
});

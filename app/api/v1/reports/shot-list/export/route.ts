// GET /api/v1/reports/shot-list/export?format&separator&brandId&collectionId&categoria&fornecedor&incomplete: the matrix, streamed.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { exportHeaders } from "@/lib/export/formats";
import { shotListExportQuerySchema } from "@/lib/reports/shot-list/schemas";
import { shotListExport } from "@/lib/reports/shot-list/shot-list-export";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { format, stream, name } = await shotListExport(user, parseQuery(request, shotListExportQuerySchema));
  return new Response(stream, { headers: exportHeaders(format, name) });
});

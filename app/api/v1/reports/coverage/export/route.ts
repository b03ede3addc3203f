// GET /api/v1/reports/coverage/export?format&separator&brandId&collectionId: coverage per collection as a file.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { exportHeaders } from "@/lib/export/formats";
import { coverageExport } from "@/lib/reports/coverage-export";
import { coverageExportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { format, stream, name } = await coverageExport(user, parseQuery(request, coverageExportQuerySchema));
  return new Response(stream, { headers: exportHeaders(format, name) });
});

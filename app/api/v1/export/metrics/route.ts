// GET /api/v1/export/metrics?table=&format=&brandId=&collectionId=&batchId=&from=&to=: one metrics table as a file.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { exportHeaders } from "@/lib/export/formats";
import { metricsExport } from "@/lib/reports/metrics-export";
import { metricsExportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { format, name, stream } = await metricsExport(user, parseQuery(request, metricsExportQuerySchema));
  return new Response(stream, { headers: exportHeaders(format, name) });
});

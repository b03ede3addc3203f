// GET /api/v1/system/stats: batches by status, URLs and photos processed, success rate, queue counts (admins).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { getSystemStats } from "@/lib/system/get-system-stats";
import { systemStatsQuerySchema } from "@/lib/system/schemas";

export const GET = apiHandler({ role: "ADMIN" }, async ({ request }) => {
  const query = parseQuery(request, systemStatsQuerySchema);
  const stats = await getSystemStats({ includeSoftDeleted: query.include_soft_deleted === "true" });
  return Response.json(stats, { headers: { "Cache-Control": "no-store" } });
});

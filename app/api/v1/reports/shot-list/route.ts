// GET /api/v1/reports/shot-list?brandId&collectionId&categoria&fornecedor&incomplete&cursor&limit: SKU × angle matrix page + completion.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { shotListReportQuerySchema } from "@/lib/reports/shot-list/schemas";
import { getShotListSummary, listShotListMatrix, loadShotListScope } from "@/lib/reports/shot-list/shot-list-report";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  const query = parseQuery(request, shotListReportQuerySchema);
  const scope = await loadShotListScope(query);
  const [page, summary] = await Promise.all([listShotListMatrix(query, scope), getShotListSummary(query, scope)]);
  return { ...page, summary };
});

// GET /api/v1/reports/skus-sem-foto?format&separator&collectionId&brandId&categoria&q: "SKUs sem foto" streamed in any export format.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { exportHeaders } from "@/lib/export/formats";
import { skusWithoutPhotoExport } from "@/lib/reports/coverage-export";
import { skusWithoutPhotoExportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { format, stream, name } = await skusWithoutPhotoExport(
    user,
    parseQuery(request, skusWithoutPhotoExportQuerySchema),
  );
  return new Response(stream, { headers: exportHeaders(format, name) });
});

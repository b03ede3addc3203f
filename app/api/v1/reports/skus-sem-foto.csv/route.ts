// GET /api/v1/reports/skus-sem-foto.csv?collectionId=&brandId=&categoria=&q=: "SKUs sem foto" as a CSV for Excel pt-BR
// (BOM, `;`, CRLF): the CSV of GET /api/v1/reports/skus-sem-foto, kept for the links and scripts that use it.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { exportHeaders } from "@/lib/export/formats";
import { skusWithoutPhotoExport } from "@/lib/reports/coverage-export";
import { skusWithoutPhotoExportQuerySchema } from "@/lib/reports/schemas";

const filterSchema = skusWithoutPhotoExportQuerySchema.pick({
  brandId: true,
  collectionId: true,
  categoria: true,
  q: true,
});

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const query = { ...parseQuery(request, filterSchema), format: "csv", separator: ";" as const };
  const { format, stream, name } = await skusWithoutPhotoExport(user, query);
  return new Response(stream, { headers: exportHeaders(format, name) });
});

// GET /api/v1/reports/skus-sem-foto/estimate: the report's first rows in every format (sizes for the menu); same query as the export.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { skusWithoutPhotoExportEstimate } from "@/lib/reports/coverage-export";
import { skusWithoutPhotoExportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  skusWithoutPhotoExportEstimate(parseQuery(request, skusWithoutPhotoExportQuerySchema)),
);

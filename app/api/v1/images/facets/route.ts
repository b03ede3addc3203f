// GET /api/v1/images/facets: counts per value of each catalog dimension for the list's filters (≈ above a threshold).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { getImageFacets } from "@/lib/images/image-facets";
import { imageFacetsQuerySchema } from "@/lib/images/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  getImageFacets(parseQuery(request, imageFacetsQuerySchema)),
);

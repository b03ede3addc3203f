// GET /api/v1/images: images with sku fields, carteira fields and AI fields (filters, keyset pagination, limit ≤ 500).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { imageListQuerySchema } from "@/lib/images/schemas";
import { listImages } from "@/lib/images/list-images";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listImages(parseQuery(request, imageListQuerySchema)),
);

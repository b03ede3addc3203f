// GET /api/v1/products/{id}/content/versions: every content version of the product (newest first) and the current one.
import { contentStateRoute } from "@/lib/ai/content/content-route-handlers";
import { apiHandler } from "@/lib/api/api-handler";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, (context) => contentStateRoute("product", context));

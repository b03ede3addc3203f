// GET /api/v1/products/{id}/content/versions: every content version of the product (newest first) and the current one.
import { contentHandlers } from "@/lib/ai/content/content-route-handlers";

export const GET = contentHandlers("product").state;

// POST /api/v1/products/{id}/content/versions/{version}/restore: that version becomes current again (as a new RESTORED version).
import { contentHandlers } from "@/lib/ai/content/content-route-handlers";

export const POST = contentHandlers("product").restore;

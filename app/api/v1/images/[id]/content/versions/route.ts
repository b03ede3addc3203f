// GET /api/v1/images/{id}/content/versions: every content version of the image (newest first) and the current one.
import { contentStateRoute } from "@/lib/ai/content/content-route-handlers";
import { apiHandler } from "@/lib/api/api-handler";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, (context) => contentStateRoute("image", context));

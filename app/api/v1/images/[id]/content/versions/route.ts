// GET /api/v1/images/{id}/content/versions: every content version of the image (newest first) and the current one.
import { contentHandlers } from "@/lib/ai/content/content-route-handlers";

export const GET = contentHandlers("image").state;

// POST /api/v1/images/{id}/content/versions/{version}/restore: that version becomes current again (as a new RESTORED version).
import { restoreContentRoute } from "@/lib/ai/content/content-route-handlers";
import { apiHandler } from "@/lib/api/api-handler";

export const POST = apiHandler<{ id: string; version: string }>({ role: "EDITOR" }, (context) =>
  restoreContentRoute("image", context),
);

// GET /api/v1/images/{id}/preview: the large WebP preview of the detail panel, rendered once on demand (ETag, long-lived private cache).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { servePreview } from "@/lib/images/serve-image-file";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, request }) => {
  const id = parseRouteId(params.id, "Imagem não encontrada.");
  return servePreview(id, request);
});

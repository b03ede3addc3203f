// GET /api/v1/images/{id}/thumbnail: the JPEG thumbnail (ETag, long-lived private cache).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { serveThumbnail } from "@/lib/images/serve-image-file";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, request }) => {
  const id = parseRouteId(params.id, "Imagem não encontrada.");
  return serveThumbnail(id, request);
});

// GET /api/v1/images/{id}/original: the original file (verified type, byte ranges, nosniff).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { serveOriginal } from "@/lib/images/serve-image-file";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, request }) => {
  const id = parseRouteId(params.id, "Imagem não encontrada.");
  return serveOriginal(id, request);
});

// GET /api/v1/images/{id}/candidates?q=: ranked SKU candidates (score 0..1 + reasons) for one photo.
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { candidatesQuerySchema } from "@/lib/reconciliation/schemas";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ request, params }) => {
  const id = parseRouteId(params.id, "Foto não encontrada.");
  const query = parseQuery(request, candidatesQuerySchema);
  return getImageCandidates(id, query);
});

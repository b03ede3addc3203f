// GET /api/v1/images/{id}/candidates?q=: ranked SKU candidates (score 0..1 + reasons) for one photo.
import { z } from "zod";
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { candidatesQuerySchema } from "@/lib/reconciliation/schemas";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ request, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const query = parseQuery(request, candidatesQuerySchema);
  return getImageCandidates(id.data, query);
});

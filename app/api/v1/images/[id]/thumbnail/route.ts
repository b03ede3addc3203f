// GET /api/v1/images/{id}/thumbnail: the JPEG thumbnail (ETag, long-lived private cache).
import { z } from "zod";
import { apiHandler } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { serveThumbnail } from "@/lib/images/serve-image-file";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, request }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new ApiError("NOT_FOUND", "Imagem não encontrada.");
  return serveThumbnail(id.data, request);
});

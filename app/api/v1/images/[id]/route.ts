// GET /api/v1/images/{id}: one photo's full detail; PATCH: edit its editorial / AI fields and workflow status (carteira fields refused).
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { getImageDetailOrThrow } from "@/lib/images/get-image-detail";
import { parseImageUpdate, updateImage } from "@/lib/images/update-image";
import { z } from "zod";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) =>
  getImageDetailOrThrow(parseRouteId(params.id, "Foto não encontrada.")),
);

export const PATCH = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = parseRouteId(params.id, "Foto não encontrada.");
  const update = parseImageUpdate(await readJson(request, z.unknown()));
  return updateImage(user, id, update);
});

// GET /api/v1/images/{id}/text: the text and barcodes read on the photo, and the SKU candidates they give.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getImageText } from "@/lib/ai/text/get-image-text";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const id = parseRouteId(params.id, "Foto não encontrada.");
  return getImageText(id);
});

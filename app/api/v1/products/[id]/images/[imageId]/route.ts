// DELETE /api/v1/products/{id}/images/{imageId}: unlink one photo from the product (it goes to Conciliação).
import { z } from "zod";
import { apiHandler } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { unlinkProductImage } from "@/lib/products/unlink-product-image";

type Params = { id: string; imageId: string };

export const DELETE = apiHandler<Params>({ role: "EDITOR" }, async ({ params, user }) => {
  const ids = z.object({ id: z.uuid(), imageId: z.uuid() }).safeParse(params);
  if (!ids.success) throw new ApiError("NOT_FOUND", "Foto não vinculada a este produto.");
  await unlinkProductImage(user, ids.data.id, ids.data.imageId);
  return new Response(null, { status: 204 });
});

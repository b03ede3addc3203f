"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/api/authorized-action";
import { changeImageStatus, changeImageStatusSchema } from "@/lib/images/workflow-change-status";
import { createProduct } from "@/lib/products/create-product";
import { deleteProduct } from "@/lib/products/delete-product";
import { createProductSchema, updateProductSchema } from "@/lib/products/schemas";
import { unlinkProductImage } from "@/lib/products/unlink-product-image";
import { updateProduct } from "@/lib/products/update-product";

export const createProductAction = authorizedAction("EDITOR", createProductSchema, async (input, actor) => {
  const product = await createProduct(actor, input);
  revalidatePath("/produtos");
  return { id: product.id };
});

export const updateProductAction = authorizedAction(
  "EDITOR",
  updateProductSchema.extend({ id: z.uuid() }),
  async ({ id, ...input }, actor) => {
    const { changes } = await updateProduct(actor, id, input);
    revalidatePath(`/produtos/${id}`);
    return { changes };
  },
);

export const deleteProductAction = authorizedAction("EDITOR", z.object({ id: z.uuid() }), async ({ id }, actor) => {
  const result = await deleteProduct(actor, id);
  revalidatePath("/produtos");
  return result;
});

export const unlinkImageAction = authorizedAction(
  "EDITOR",
  z.object({ productId: z.uuid(), imageId: z.uuid() }),
  async (input, actor) => {
    await unlinkProductImage(actor, input.productId, input.imageId);
    revalidatePath(`/produtos/${input.productId}`);
    return { imageId: input.imageId };
  },
);

export const changeImageStatusAction = authorizedAction("EDITOR", changeImageStatusSchema, async (input, actor) => {
  const result = await changeImageStatus(actor, input.imageIds, input.status);
  revalidatePath("/produtos/[id]", "page");
  return result;
});

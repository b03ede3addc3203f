// GET/PATCH/DELETE /api/v1/products/{id}: one product (carteira fields, photos, SKU history); edit; delete.
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { deleteProduct } from "@/lib/products/delete-product";
import { getProductOrThrow } from "@/lib/products/get-product";
import { updateProductSchema } from "@/lib/products/schemas";
import { updateProduct } from "@/lib/products/update-product";

type Params = { id: string };

function productId(params: Params): string {
  return parseRouteId(params.id, "Produto não encontrado.");
}

export const GET = apiHandler<Params>({ role: "VIEWER" }, async ({ params }) => getProductOrThrow(productId(params)));

export const PATCH = apiHandler<Params>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = productId(params);
  const input = await readJson(request, updateProductSchema);
  const { changes } = await updateProduct(user, id, input);
  return { ...(await getProductOrThrow(id)), changes };
});

export const DELETE = apiHandler<Params>({ role: "EDITOR" }, async ({ params, user }) =>
  deleteProduct(user, productId(params)),
);

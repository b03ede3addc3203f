// GET/POST /api/v1/products: products (carteira data) by sku, search and collection; create one.
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { createProduct } from "@/lib/products/create-product";
import { listProducts } from "@/lib/products/list-products";
import { createProductSchema, productListQuerySchema } from "@/lib/products/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listProducts(parseQuery(request, productListQuerySchema)),
);

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, createProductSchema);
  return Response.json(await createProduct(user, input), { status: 201 });
});

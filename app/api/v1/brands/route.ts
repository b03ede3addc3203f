// GET/POST /api/v1/brands: list brands; create one (idempotent by name).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { findOrCreateBrand, listBrands } from "@/lib/catalog/brands-and-collections";
import { brandInputSchema } from "@/lib/catalog/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async () => ({ items: await listBrands() }));

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, brandInputSchema);
  return Response.json(await findOrCreateBrand(user, input), { status: 201 });
});

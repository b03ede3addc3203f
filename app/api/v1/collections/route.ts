// GET/POST /api/v1/collections: list collections (optionally of one brand); create one.
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { findOrCreateCollection, listCollections } from "@/lib/catalog/brands-and-collections";
import { collectionInputSchema, collectionListQuerySchema } from "@/lib/catalog/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  const { brandId } = parseQuery(request, collectionListQuerySchema);
  return { items: await listCollections(brandId) };
});

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, collectionInputSchema);
  return Response.json(await findOrCreateCollection(user, input), { status: 201 });
});

// GET/PUT /api/v1/collections/{id}/shot-list: a collection's required angles (shot lists); PUT replaces one list (ADMIN).
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { shotListInputSchema } from "@/lib/reports/shot-list/schemas";
import { getShotLists, saveShotList } from "@/lib/reports/shot-list/shot-list-config";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const collectionId = parseRouteId(params.id, "Coleção não encontrada.");
  return { collectionId, items: await getShotLists(collectionId) };
});

export const PUT = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ request, params, user }) => {
  const collectionId = parseRouteId(params.id, "Coleção não encontrada.");
  const input = await readJson(request, shotListInputSchema);
  await saveShotList(user, collectionId, input);
  return { collectionId, items: await getShotLists(collectionId) };
});

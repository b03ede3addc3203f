// GET/PUT /api/v1/shot-lists: the bank's required angles (for every collection, whole or per categoria);
// a collection's own lists (GET/PUT /api/v1/collections/{id}/shot-list) come first. PUT replaces one list (ADMIN).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { shotListInputSchema } from "@/lib/reports/shot-list/schemas";
import { getShotLists, saveShotList } from "@/lib/reports/shot-list/shot-list-config";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async () => ({ items: await getShotLists(null) }));

export const PUT = apiHandler({ role: "ADMIN" }, async ({ request, user }) => {
  await saveShotList(user, null, await readJson(request, shotListInputSchema));
  return { items: await getShotLists(null) };
});

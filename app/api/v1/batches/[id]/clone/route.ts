// POST /api/v1/batches/{id}/clone: a new batch from this one (seed 004: {new_name, copy_results}).
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { cloneBatch } from "@/lib/batches/retention/clone-batch";
import { cloneBatchSchema } from "@/lib/batches/retention/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = parseRouteId(params.id, "Lote não encontrado.");
  const input = await readJson(request, cloneBatchSchema);
  return Response.json(await cloneBatch(user, id, input), { status: 201 });
});

// GET/DELETE /api/v1/batches/{id}: one batch with counts; delete it for good (?force=true stops a running one first).
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { getBatchOrThrow } from "@/lib/batches/batch-queries";
import { deleteBatch } from "@/lib/batches/retention/delete-batch";
import { deleteBatchQuerySchema } from "@/lib/batches/retention/schemas";

function batchId(raw: string): string {
  return parseRouteId(raw, "Lote não encontrado.");
}

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) =>
  getBatchOrThrow(batchId(params.id)),
);

// EDITOR for an empty batch; deleteBatch asks for ADMIN when the batch has files or URLs.
export const DELETE = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const { force } = parseQuery(request, deleteBatchQuerySchema);
  return deleteBatch(user, batchId(params.id), force);
});

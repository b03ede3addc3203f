// GET/DELETE /api/v1/batches/{id}: one batch with counts; delete an empty draft.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getBatchOrThrow } from "@/lib/batches/batch-queries";
import { deleteEmptyBatch } from "@/lib/batches/create-batch";

function batchId(raw: string): string {
  return parseRouteId(raw, "Lote não encontrado.");
}

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) =>
  getBatchOrThrow(batchId(params.id)),
);

export const DELETE = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  await deleteEmptyBatch(user, batchId(params.id));
  return new Response(null, { status: 204 });
});

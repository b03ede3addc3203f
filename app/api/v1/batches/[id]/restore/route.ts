// POST /api/v1/batches/{id}/restore: brings a soft-deleted batch back before its purge date.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { restoreBatch } from "@/lib/batches/retention/soft-delete-batch";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) =>
  restoreBatch(user, parseRouteId(params.id, "Lote não encontrado.")),
);

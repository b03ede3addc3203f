// POST /api/v1/batches/{id}/start|pause|resume|cancel|reprocess: batch control.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { cancelBatch, pauseBatch, reprocessFailed, resumeBatch, startBatch } from "@/lib/batches/batch-control";

const actions = {
  start: startBatch,
  pause: pauseBatch,
  resume: resumeBatch,
  cancel: cancelBatch,
  reprocess: reprocessFailed,
};

export const POST = apiHandler<{ id: string; action: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const action = actions[params.action as keyof typeof actions];
  if (!action) throw new ApiError("NOT_FOUND", "Recurso não encontrado.");
  return action(user, parseRouteId(params.id, "Recurso não encontrado."));
});

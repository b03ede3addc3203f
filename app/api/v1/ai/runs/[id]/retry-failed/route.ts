// POST /api/v1/ai/runs/{id}/retry-failed: failed photos back to pending (attempts reset), the run queued again → the run's detail.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getAiRunOrThrow } from "@/lib/ai/runs/get-runs";
import { retryFailedItems } from "@/lib/ai/runs/run-control";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Análise não encontrada.");
  await retryFailedItems(user, id);
  return getAiRunOrThrow(id);
});

// POST /api/v1/ai/runs/{id}/cancel: no new photo is sent (pending ones are cancelled) → the run's detail; 409 AI_RUN_FINISHED when it already ended.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getAiRunOrThrow } from "@/lib/ai/runs/get-runs";
import { cancelRun } from "@/lib/ai/runs/run-control";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Análise não encontrada.");
  await cancelRun(user, id);
  return getAiRunOrThrow(id);
});

// POST /api/v1/ai/runs/{id}/resume: a paused run (no usable key) back to the queue → the run's detail; 409 AI_RUN_NOT_PAUSED otherwise.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getAiRunOrThrow } from "@/lib/ai/runs/get-runs";
import { resumeRun } from "@/lib/ai/runs/run-control";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Análise não encontrada.");
  await resumeRun(user, id);
  return getAiRunOrThrow(id);
});

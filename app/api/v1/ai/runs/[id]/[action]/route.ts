// POST /api/v1/ai/runs/{id}/cancel · /retry-failed · /resume: run control → the run's detail.
import { ApiError } from "@/lib/api/errors";
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getAiRunOrThrow } from "@/lib/ai/runs/get-runs";
import { cancelRun, resumeRun, retryFailedItems } from "@/lib/ai/runs/run-control";

export const POST = apiHandler<{ id: string; action: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Análise não encontrada.");
  switch (params.action) {
    case "cancel":
      await cancelRun(user, id);
      break;
    case "retry-failed":
      await retryFailedItems(user, id);
      break;
    case "resume":
      await resumeRun(user, id);
      break;
    default:
      throw new ApiError("NOT_FOUND", "Ação desconhecida.");
  }
  return getAiRunOrThrow(id);
});

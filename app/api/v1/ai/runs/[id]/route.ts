// GET /api/v1/ai/runs/{id}: a run's counts, cost, progress and ETA; X-Polling-Interval (seconds) while it is active.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getAiRunOrThrow, RUN_POLL_SECONDS } from "@/lib/ai/runs/get-runs";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const run = await getAiRunOrThrow(parseRouteId(params.id, "Análise não encontrada."));
  return Response.json(run, {
    headers: run.isDone
      ? { "Cache-Control": "no-store" }
      : { "X-Polling-Interval": String(RUN_POLL_SECONDS), "Cache-Control": "no-store" },
  });
});

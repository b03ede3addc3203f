// GET /api/v1/generation/jobs/{id}: progress (done/failed/remaining, images per minute, ETA) and per-prompt results; X-Polling-Interval while it runs.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getGenerationJobOrThrow } from "@/lib/generation/get-generation-jobs";

export const GET = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params }) => {
  const job = await getGenerationJobOrThrow(parseRouteId(params.id, "Geração não encontrada."));
  const isActive = job.status === "QUEUED" || job.status === "RUNNING";
  return Response.json(job, {
    headers: isActive ? { "X-Polling-Interval": "2", "Cache-Control": "no-store" } : { "Cache-Control": "no-store" },
  });
});

// POST /api/v1/images/{id}/analyze {fields?, overwriteManual?}: analyse one photo with AI (a run of one) → 202 {runId}.
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { analyzeImage } from "@/lib/ai/runs/create-run";
import { analyzeImageInputSchema } from "@/lib/ai/runs/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = parseRouteId(params.id, "Foto não encontrada.");
  const input = await readJson(request, analyzeImageInputSchema);
  const started = await analyzeImage(user, id, input);
  return Response.json(started, { status: 202, headers: { Location: `/api/v1/ai/runs/${started.runId}` } });
});

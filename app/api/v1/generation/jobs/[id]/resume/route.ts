// POST /api/v1/generation/jobs/{id}/resume: a stopped or paused job goes on from its next image → the job; 409 GENERATION_INVALID_STATE otherwise.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getGenerationJobOrThrow } from "@/lib/generation/get-generation-jobs";
import { resumeGenerationJob } from "@/lib/generation/job-control";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Geração não encontrada.");
  await resumeGenerationJob(user, id);
  return getGenerationJobOrThrow(id);
});

// POST /api/v1/generation/jobs/{id}/stop: no further image is generated (the one in flight is kept) → the job; 409 GENERATION_INVALID_STATE when finished.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getGenerationJobOrThrow } from "@/lib/generation/get-generation-jobs";
import { stopGenerationJob } from "@/lib/generation/job-control";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Geração não encontrada.");
  await stopGenerationJob(user, id);
  return getGenerationJobOrThrow(id);
});

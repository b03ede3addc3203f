// POST /api/v1/generation/jobs/{id}/items/{itemId}/regenerate: one finished image is generated again (the old one stays in the bank) → the job.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getGenerationJobOrThrow } from "@/lib/generation/get-generation-jobs";
import { regenerateGenerationItem } from "@/lib/generation/job-control";

export const POST = apiHandler<{ id: string; itemId: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  const id = parseRouteId(params.id, "Geração não encontrada.");
  const itemId = parseRouteId(params.itemId, "Imagem da geração não encontrada.");
  await regenerateGenerationItem(user, id, itemId);
  return getGenerationJobOrThrow(id);
});

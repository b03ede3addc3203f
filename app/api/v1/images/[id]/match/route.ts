// POST /api/v1/images/{id}/match: a person's decision — {productId} (MANUAL) or {noSku: true}, optionally for the whole sku_base.
import { z } from "zod";
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { decideImageMatch } from "@/lib/reconciliation/decide-image-match";
import { matchDecisionSchema } from "@/lib/reconciliation/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const decision = await readJson(request, matchDecisionSchema);
  return decideImageMatch(user, id.data, decision);
});

// POST /api/v1/images/{id}/match: a person's decision — {productId} (MANUAL) or {noSku: true}, optionally for the whole sku_base.
import { apiHandler, readJson, parseRouteId } from "@/lib/api/api-handler";
import { decideImageMatch } from "@/lib/reconciliation/decide-image-match";
import { matchDecisionSchema } from "@/lib/reconciliation/schemas";

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params, user }) => {
  const id = parseRouteId(params.id, "Foto não encontrada.");
  const decision = await readJson(request, matchDecisionSchema);
  return decideImageMatch(user, id, decision);
});

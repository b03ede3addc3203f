"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { ApiError } from "@/lib/api/errors";

export const createApiTokenAction = authorizedAction(
  "VIEWER",
  z.object({ name: z.string().trim().min(1, "Informe um nome para o token.").max(100) }),
  async ({ name }, user) => {
    const created = await createApiToken(user.id, name);
    await recordAudit({ userId: user.id, action: "API_TOKEN_CREATE", entityType: "ApiToken", entityId: created.id, data: { name } });
    revalidatePath("/configuracoes");
    return created;
  },
);

export const revokeApiTokenAction = authorizedAction("VIEWER", z.object({ tokenId: z.uuid() }), async ({ tokenId }, user) => {
  if (!(await revokeApiToken(user.id, tokenId))) throw new ApiError("NOT_FOUND", "Token não encontrado.");
  await recordAudit({ userId: user.id, action: "API_TOKEN_REVOKE", entityType: "ApiToken", entityId: tokenId });
  revalidatePath("/configuracoes");
  return { tokenId };
});

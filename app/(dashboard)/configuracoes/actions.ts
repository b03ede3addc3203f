"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { createApiToken } from "@/lib/auth/api-tokens";
import { authorizedAction } from "@/lib/api/authorized-action";
import { revokeUserToken } from "@/lib/users/user-tokens";

export const createApiTokenAction = authorizedAction(
  "VIEWER",
  z.object({ name: z.string().trim().min(1, "Informe um nome para o token.").max(100) }),
  async ({ name }, user) => {
    const created = await createApiToken(user.id, name);
    await recordAudit({
      userId: user.id,
      action: "API_TOKEN_CREATE",
      entityType: "ApiToken",
      entityId: created.id,
      data: { name },
    });
    revalidatePath("/configuracoes");
    return created;
  },
);

export const revokeApiTokenAction = authorizedAction(
  "VIEWER",
  z.object({ tokenId: z.uuid() }),
  async ({ tokenId }, user) => {
    await revokeUserToken(user, user.id, tokenId);
    revalidatePath("/configuracoes");
    return { tokenId };
  },
);

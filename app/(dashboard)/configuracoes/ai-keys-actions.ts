"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createAiKey, deleteAiKey, updateAiKey } from "@/lib/ai/keys/manage-keys";
import { createAiKeySchema } from "@/lib/ai/keys/schemas";
import { authorizedAction } from "@/lib/api/authorized-action";

// The settings page's "Chaves de IA" panel (ADMIN only; lib/ai/keys/manage-keys audits each change).
export const createAiKeyAction = authorizedAction("ADMIN", createAiKeySchema, async (input, user) => {
  const key = await createAiKey(user, input);
  revalidatePath("/configuracoes");
  return { id: key.id };
});

export const setAiKeyStatusAction = authorizedAction(
  "ADMIN",
  z.object({ id: z.uuid(), status: z.enum(["ACTIVE", "DISABLED"]) }),
  async ({ id, status }, user) => {
    await updateAiKey(user, id, { status });
    revalidatePath("/configuracoes");
    return { id };
  },
);

export const deleteAiKeyAction = authorizedAction("ADMIN", z.object({ id: z.uuid() }), async ({ id }, user) => {
  await deleteAiKey(user, id);
  revalidatePath("/configuracoes");
  return { id };
});

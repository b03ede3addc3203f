"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { createUser } from "@/lib/users/manage-users";
import {
  createUserSchema,
  resetPasswordSchema,
  revokeAllUserTokensSchema,
  revokeUserTokenSchema,
  updateUserSchema,
} from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";
import { revokeAllUserTokens, revokeUserToken } from "@/lib/users/user-tokens";

export const createUserAction = authorizedAction("ADMIN", createUserSchema, async (input, actor) => {
  const user = await createUser(actor, input);
  revalidatePath("/admin/usuarios");
  return { id: user.id };
});

export const updateUserAction = authorizedAction("ADMIN", updateUserSchema, async (input, actor) => {
  await updateUser(actor, input);
  revalidatePath("/admin/usuarios");
  return { id: input.userId };
});

export const resetPasswordAction = authorizedAction("ADMIN", resetPasswordSchema, async (input, actor) => {
  await updateUser(actor, input);
  revalidatePath("/admin/usuarios");
  return { id: input.userId };
});

export const revokeUserTokenAction = authorizedAction(
  "ADMIN",
  revokeUserTokenSchema,
  async ({ userId, tokenId }, actor) => {
    await revokeUserToken(actor, userId, tokenId);
    revalidatePath("/admin/usuarios");
    return { tokenId };
  },
);

export const revokeAllUserTokensAction = authorizedAction(
  "ADMIN",
  revokeAllUserTokensSchema,
  async ({ userId }, actor) => {
    const result = await revokeAllUserTokens(actor, userId);
    revalidatePath("/admin/usuarios");
    return result;
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/authorized-action";
import { ApiError } from "@/lib/api/errors";
import { createUser, resetPassword, updateUser } from "@/lib/users/manage-users";
import { createUserSchema, resetPasswordSchema, updateUserSchema } from "@/lib/users/schemas";

export const createUserAction = authorizedAction("ADMIN", createUserSchema, async (input, actor) => {
  const user = await createUser(actor, input);
  revalidatePath("/admin/usuarios");
  return { id: user.id };
});

export const updateUserAction = authorizedAction("ADMIN", updateUserSchema, async (input, actor) => {
  if (input.userId === actor.id && input.isActive === false) throw new ApiError("CONFLICT", "Você não pode desativar a sua própria conta.");
  await updateUser(actor, input);
  revalidatePath("/admin/usuarios");
  return { id: input.userId };
});

export const resetPasswordAction = authorizedAction("ADMIN", resetPasswordSchema, async (input, actor) => {
  await resetPassword(actor, input);
  return { id: input.userId };
});

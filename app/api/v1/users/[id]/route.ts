// PATCH /api/v1/users/{id}: change role, enable/disable, or reset the password (ADMIN only).
import { z } from "zod";
import { apiHandler, readJson, parseRouteId } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { resetPassword, updateUser } from "@/lib/users/manage-users";
import { passwordSchema, roleSchema } from "@/lib/users/schemas";

const patchSchema = z.object({ role: roleSchema.optional(), isActive: z.boolean().optional(), password: passwordSchema.optional() });

export const PATCH = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ request, user, params }) => {
  const userId = parseRouteId(params.id, "Usuário não encontrado.");
  const input = await readJson(request, patchSchema);
  if (input.password) await resetPassword(user, { userId: userId, password: input.password });
  if (input.role !== undefined || input.isActive !== undefined) {
    if (userId === user.id && input.isActive === false) throw new ApiError("CONFLICT", "Você não pode desativar a sua própria conta.");
    return updateUser(user, { userId: userId, role: input.role, isActive: input.isActive });
  }
  return { id: userId };
});

// PATCH /api/v1/users/{id}: change role, enable/disable and/or reset the password (ADMIN only).
import { apiHandler, readJson, parseRouteId } from "@/lib/api/api-handler";
import { updateUserSchema } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

const patchSchema = updateUserSchema.omit({ userId: true });

export const PATCH = apiHandler<{ id: string }>({ role: "ADMIN" }, async ({ request, user, params }) => {
  const userId = parseRouteId(params.id, "Usuário não encontrado.");
  const input = await readJson(request, patchSchema);
  return updateUser(user, { ...input, userId });
});

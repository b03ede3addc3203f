// GET/POST /api/v1/users: list users; create a user (ADMIN only).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { createUser, listUsers } from "@/lib/users/manage-users";
import { createUserSchema } from "@/lib/users/schemas";

export const GET = apiHandler({ role: "ADMIN" }, async () => ({ items: await listUsers() }));

export const POST = apiHandler({ role: "ADMIN" }, async ({ request, user }) => {
  const input = await readJson(request, createUserSchema);
  return Response.json(await createUser(user, input), { status: 201 });
});

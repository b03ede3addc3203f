// GET/POST /api/v1/ai/keys: the AI key pool, masked; add a key (ADMIN only). The secret is never answered.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { createAiKey, listAiKeys } from "@/lib/ai/keys/manage-keys";
import { createAiKeySchema } from "@/lib/ai/keys/schemas";

export const GET = apiHandler({ role: "ADMIN" }, async () => ({ items: await listAiKeys() }));

export const POST = apiHandler({ role: "ADMIN" }, async ({ request, user }) => {
  const input = await readJson(request, createAiKeySchema);
  return Response.json(await createAiKey(user, input), { status: 201 });
});

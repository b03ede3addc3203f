// POST /api/v1/generation/jobs: multipart `file` (TXT prompt file) or JSON typed prompts → {id, total}; GET: the latest jobs.
import { z } from "zod";
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { listGenerationJobs } from "@/lib/generation/get-generation-jobs";
import { createGenerationRequest } from "@/lib/generation/http";

export const runtime = "nodejs";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const created = await createGenerationRequest(user, request);
  return Response.json(created, { status: 201 });
});

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const GET = apiHandler({ role: "EDITOR" }, async ({ request }) => {
  const { limit } = parseQuery(request, listQuery);
  return { jobs: await listGenerationJobs({ limit }) };
});

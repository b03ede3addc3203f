// GET /api/v1/admin/queue/status: per queue counts, stuck jobs with their age, stuck batches (admins).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { getQueueStatus } from "@/lib/system/get-queue-status";
import { queueStatusQuerySchema } from "@/lib/system/schemas";

export const GET = apiHandler({ role: "ADMIN" }, async ({ request }) => {
  const status = await getQueueStatus(parseQuery(request, queueStatusQuerySchema));
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});

// GET /api/v1/admin/queue/throughput: jobs completed and failed per minute and queue over the last hour (admins).
import { apiHandler } from "@/lib/api/api-handler";
import { getQueueThroughput } from "@/lib/system/get-queue-throughput";

export const GET = apiHandler({ role: "ADMIN" }, async () =>
  Response.json(await getQueueThroughput(), { headers: { "Cache-Control": "no-store" } }),
);

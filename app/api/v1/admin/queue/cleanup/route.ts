// POST /api/v1/admin/queue/cleanup: removes old finished jobs and hands back active jobs past their lease (admins, audited).
import { apiHandler } from "@/lib/api/api-handler";
import { cleanupQueue } from "@/lib/system/cleanup-queue";
import { readOptionalJson } from "@/lib/system/read-optional-json";
import { queueCleanupSchema } from "@/lib/system/schemas";

export const POST = apiHandler({ role: "ADMIN" }, async ({ request, user }) =>
  cleanupQueue(user, await readOptionalJson(request, queueCleanupSchema)),
);

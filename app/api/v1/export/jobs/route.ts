// POST /api/v1/export/jobs {kind: filtered|batch|batches, …, format}: a very large export written by a worker into blob storage.
// GET: the asker's export jobs (an ADMIN's: everyone's), newest first.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { createExportJob, listExportJobs } from "@/lib/export/jobs/export-jobs-api";
import { exportJobRequestSchema } from "@/lib/export/jobs/schemas";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const job = await createExportJob(user, await readJson(request, exportJobRequestSchema));
  return Response.json(job, { status: 202 });
});

export const GET = apiHandler({ role: "VIEWER" }, async ({ user }) => listExportJobs(user));

// GET /api/v1/export/jobs/{id}: an export job's status and progress (rows so far / total), with X-Polling-Interval.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { getExportJob } from "@/lib/export/jobs/export-jobs-api";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, user }) => {
  const { job, pollSeconds } = await getExportJob(user, parseRouteId(params.id, "Exportação não encontrada."));
  return Response.json(job, { headers: { "X-Polling-Interval": String(pollSeconds), "Cache-Control": "no-store" } });
});

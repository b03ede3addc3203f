// GET /api/v1/export/jobs/{id}/download: the finished job's file from blob storage (its asker or an ADMIN; 410 once expired).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { downloadExportJob } from "@/lib/export/jobs/export-jobs-api";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, user }) =>
  downloadExportJob(user, parseRouteId(params.id, "Exportação não encontrada.")),
);

// GET /api/v1/reconcile/{runId}: progress and summary of a reconciliation run (poll until isDone).
import { z } from "zod";
import { apiHandler } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getReconciliationRunOrThrow } from "@/lib/reconciliation/get-reconciliation-run";

export const GET = apiHandler<{ runId: string }>({ role: "VIEWER" }, async ({ params }) => {
  const id = z.uuid().safeParse(params.runId);
  if (!id.success) throw new ApiError("NOT_FOUND", "Conciliação não encontrada.");
  const run = await getReconciliationRunOrThrow(id.data);
  return Response.json(run, { headers: run.isDone ? {} : { "X-Polling-Interval": "1000" } });
});

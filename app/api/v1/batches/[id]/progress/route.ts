// GET /api/v1/batches/{id}/progress: counts, percentage, rate, ETA; X-Polling-Interval says when to ask again.
import { z } from "zod";
import { apiHandler } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getBatchProgress } from "@/lib/batches/batch-progress";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  const progress = await getBatchProgress(id.data);
  return Response.json(progress, { headers: { "X-Polling-Interval": String(progress.pollIntervalSeconds), "Cache-Control": "no-store" } });
});

// GET /api/v1/carteira/imports/{id}: one import with status, progress (processedRows/totalRows), counts and errors.
import { z } from "zod";
import { apiHandler } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getCarteiraImport } from "@/lib/carteira/import/list-carteira-imports";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const id = z.uuid().safeParse(params.id);
  const found = id.success ? await getCarteiraImport(id.data) : null;
  if (!found) throw new ApiError("NOT_FOUND", "Importação não encontrada.");
  const isRunning = found.status === "PENDING" || found.status === "RUNNING";
  return Response.json(found, { headers: isRunning ? { "X-Polling-Interval": "1000" } : undefined });
});

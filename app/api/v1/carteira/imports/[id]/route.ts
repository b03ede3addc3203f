// GET /api/v1/carteira/imports/{id}: one import with status, progress (processedRows/totalRows), counts and errors.
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getCarteiraImport } from "@/lib/carteira/import/list-carteira-imports";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => {
  const found = await getCarteiraImport(parseRouteId(params.id, "Importação não encontrada."));
  if (!found) throw new ApiError("NOT_FOUND", "Importação não encontrada.");
  const isRunning = found.status === "PENDING" || found.status === "RUNNING";
  return Response.json(found, { headers: isRunning ? { "X-Polling-Interval": "1" } : undefined });
});

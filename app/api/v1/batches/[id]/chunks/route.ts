// GET /api/v1/batches/{id}/chunks: a URL batch's chunks with their counts, status, timings and worker (seed 004).
import { apiHandler, parseQuery, parseRouteId } from "@/lib/api/api-handler";
import { listBatchChunks } from "@/lib/batches/url-chunks/list-batch-chunks";
import { batchChunksQuerySchema } from "@/lib/batches/url-chunks/schemas";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params, request }) => {
  const id = parseRouteId(params.id, "Lote não encontrado.");
  return Response.json(await listBatchChunks(id, parseQuery(request, batchChunksQuerySchema)), {
    headers: { "Cache-Control": "no-store" },
  });
});

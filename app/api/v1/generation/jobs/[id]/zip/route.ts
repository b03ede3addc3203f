// GET /api/v1/generation/jobs/{id}/zip: the job's generated images as a streamed ZIP, under their relative paths (folders per prompt, global numbering).
import { apiHandler, parseRouteId } from "@/lib/api/api-handler";
import { generationZip } from "@/lib/generation/generation-zip";

export const runtime = "nodejs";

export const GET = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, request }) =>
  generationZip(parseRouteId(params.id, "Geração não encontrada."), request.signal),
);

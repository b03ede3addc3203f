// POST /api/v1/batches/{id}/dry-run: what uploading these names would do (links, ambiguous, unknown, in the bank, SKUs sem foto).
import { apiHandler, parseRouteId, readJson } from "@/lib/api/api-handler";
import { runDryRun } from "@/lib/batches/dry-run/run-dry-run";
import { dryRunRequestSchema } from "@/lib/batches/dry-run/schemas";

/** 5,000 names with folders, sizes and hashes, plus the SKUs earlier chunks covered, pass the default 1 MiB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ request, params }) => {
  const batchId = parseRouteId(params.id, "Lote não encontrado.");
  const body = await readJson(request, dryRunRequestSchema, { maxBytes: MAX_BODY_BYTES });
  return runDryRun(batchId, body);
});
